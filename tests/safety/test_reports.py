"""Reporting posts, profiles and messages; automatic hiding after three reporters."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from belong.core.limits import RateLimited
from belong.moderation.services import report_content
from belong.posts.models import Status
from belong.posts.visibility import visible_posts
from belong.safety.models import ActionKind, ModerationAction, Report, ReportStatus


def test_a_report_names_what_was_reported_and_where(citizen, readers, post, aalborg):
    report = report_content(
        reporter=readers[0], target="post", obj=post, reason="scam", details="  Vil have penge "
    )
    assert (report.reported, report.target, report.target_id) == (citizen, "post", post.pk)
    assert report.municipality == aalborg
    assert report.details == "Vil have penge"
    assert report.status == ReportStatus.OPEN
    assert not report.urgent


@pytest.mark.parametrize("reason", ["minor_at_risk", "self_harm"])
def test_reports_about_a_child_at_risk_or_self_harm_are_urgent(readers, post, reason):
    assert report_content(reporter=readers[0], target="post", obj=post, reason=reason).urgent


def test_a_report_needs_a_citizen_reason(readers, post):
    for reason in ("", "word_list", "nonsense"):
        with pytest.raises(ValidationError):
            report_content(reporter=readers[0], target="post", obj=post, reason=reason)
    assert not Report.objects.exists()


def test_nobody_reports_themselves(citizen, post):
    with pytest.raises(ValidationError):
        report_content(reporter=citizen, target="post", obj=post, reason="other")
    with pytest.raises(ValidationError):
        report_content(reporter=citizen, target="profile", obj=citizen, reason="other")


def test_only_the_recipient_of_a_message_reports_it(citizen, readers, conversation):
    message = conversation.messages.get()
    with pytest.raises(Http404):
        report_content(reporter=readers[1], target="message", obj=message, reason="harassment")
    report = report_content(reporter=citizen, target="message", obj=message, reason="harassment")
    assert report.reported == readers[0]


def test_reports_are_rate_limited(settings, readers, post):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "report": "2/h"}
    for _ in range(2):
        report_content(reporter=readers[0], target="profile", obj=post.author, reason="other")
    with pytest.raises(RateLimited):
        report_content(reporter=readers[0], target="profile", obj=post.author, reason="other")
    assert Report.objects.count() == 2


def test_a_post_reported_by_three_different_people_is_hidden(citizen, readers, post):
    bo, carl, dina = readers
    report_content(reporter=bo, target="post", obj=post, reason="scam")
    report_content(reporter=bo, target="post", obj=post, reason="other")  # same person twice
    report_content(reporter=carl, target="post", obj=post, reason="scam")
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert visible_posts(dina).filter(pk=post.pk).exists()

    report_content(reporter=dina, target="post", obj=post, reason="scam")
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    assert not visible_posts(bo).filter(pk=post.pk).exists()
    auto = ModerationAction.objects.get()
    assert (auto.kind, auto.moderator, auto.subject) == (ActionKind.AUTO_HIDE, None, citizen)
    # The reports stay open: a moderator still decides.
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 4


def test_reports_about_other_messages_do_not_count_towards_hiding_one(
    aalborg_postcode, citizen, post
):
    from belong.messaging.models import Message
    from belong.messaging.services import start_conversation
    from tests.factories import UserFactory

    # Only its recipient can report a private message, so three reporters of one message
    # cannot happen; the same sender's first messages to three people are three messages.
    sender = UserFactory(display_name="Spam", postcode=aalborg_postcode)
    others = [UserFactory(postcode=aalborg_postcode) for _ in range(3)]
    from tests.factories import make_post

    messages = []
    for i, other in enumerate(others):
        their_post = make_post(other)
        messages.append(
            start_conversation(
                sender=sender, post=their_post, body="Køb billigt", client_token=f"tok-spam-{i}"
            )
        )
    first = messages[0]
    report_content(reporter=others[0], target="message", obj=first, reason="scam")
    first.refresh_from_db()
    assert first.hidden_at is None
    # Reports about other messages do not count towards this one.
    for other, message in zip(others[1:], messages[1:], strict=True):
        report_content(reporter=other, target="message", obj=message, reason="scam")
    assert not Message.objects.filter(hidden_at__isnull=False).exists()


def test_a_profile_is_never_hidden_by_reports(citizen, readers):
    for reader in readers:
        report_content(reporter=reader, target="profile", obj=citizen, reason="harassment")
    assert not ModerationAction.objects.exists()
