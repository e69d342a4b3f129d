"""The daily retention task deletes exactly what its rules say, and nothing a day younger:
closed conversations after 24 months, the outbox after 30 days, help requests after 12
months, abandoned drafts after 90 days. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.utils import timezone

from belong.messaging.models import Conversation, ConversationStatus, Message, Outbox
from belong.messaging.services import start_conversation
from belong.municipalities.models import HelpRequest
from belong.posts.models import Draft
from belong.privacy.retention import apply_retention
from tests.factories import UserFactory, make_post

NOW = timezone.now()


def ago(days: int, extra: datetime.timedelta = datetime.timedelta(0)) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days) + extra


JUST_OVER = -datetime.timedelta(minutes=1)
JUST_UNDER = datetime.timedelta(minutes=1)


def _conversation(sender, author, title, *, status, last):
    post = make_post(author=author, title=title)
    first = start_conversation(sender=sender, post=post, body="Hej", client_token=None)
    Conversation.objects.filter(pk=first.conversation_id).update(
        status=status, last_message_at=last
    )
    return first.conversation_id


@pytest.mark.django_db
def test_retention_deletes_exactly_what_the_rules_say(citizen, outsider, aalborg, caplog):
    someone = UserFactory(display_name="Bo")
    old_closed = _conversation(citizen, outsider, "a", status="closed", last=ago(730, JUST_OVER))
    old_declined = _conversation(
        citizen, someone, "b", status=ConversationStatus.DECLINED, last=ago(731)
    )
    young_closed = _conversation(outsider, someone, "c", status="closed", last=ago(730, JUST_UNDER))
    old_open = _conversation(someone, citizen, "d", status="answered", last=ago(900))

    for key, created in [("old", ago(30, JUST_OVER)), ("young", ago(30, JUST_UNDER))]:
        Outbox.objects.create(key=key, kind="message", recipient=citizen, created_at=created)
    for name, created in [("old", ago(365, JUST_OVER)), ("young", ago(365, JUST_UNDER))]:
        HelpRequest.objects.create(
            municipality=aalborg,
            citizen=citizen,
            name=name,
            contact="phone",
            phone="12345678",
            description="Hjælp",
            created_at=created,
        )
    old_draft = Draft.objects.create(author=citizen, data={"title": "x"}, updated_at=ago(91))
    young_draft = Draft.objects.create(author=outsider, data={"title": "y"}, updated_at=ago(89))

    with caplog.at_level("INFO", logger="belong.privacy.retention"):
        counts = apply_retention(now=NOW)
    assert counts == {
        "posts.abandoned_drafts": 1,
        "messaging.closed_conversations": 2,
        "messaging.outbox": 1,
        "municipalities.help_requests": 1,
        "privacy.inactive_accounts_erased": 0,
        "privacy.inactive_accounts_warned": 0,
        "privacy.expired_exports": 0,
    }
    assert "messaging.closed_conversations 2" in caplog.text

    left = set(Conversation.objects.values_list("pk", flat=True))
    assert left == {young_closed, old_open}
    assert not Message.objects.filter(conversation_id__in=[old_closed, old_declined]).exists()
    assert list(Outbox.objects.filter(key__in=["old", "young"]).values_list("key", flat=True)) == [
        "young"
    ]
    assert list(HelpRequest.objects.values_list("name", flat=True)) == ["young"]
    assert list(Draft.objects.values_list("pk", flat=True)) == [young_draft.pk]
    assert old_draft.pk != young_draft.pk

    # Run twice, nothing more goes.
    assert set(apply_retention(now=NOW).values()) == {0}
