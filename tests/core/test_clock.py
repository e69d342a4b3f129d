"""One clock: `belong.core.clock` can be moved, and `belong tick --now` runs the recurring
tasks as of another moment, so a week of silence can be shown without editing the database."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from belong.core import clock
from belong.messaging.models import Conversation, ConversationStatus, MessageKind
from belong.messaging.services import start_conversation
from tests.factories import UserFactory, make_post

pytestmark = pytest.mark.django_db


def test_the_clock_moves_and_comes_back():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 8, 10, 0))  # noqa: DTZ001
    with clock.set_to(moment):
        assert clock.now() == moment
        assert clock.today() == datetime.date(2026, 12, 8)
    assert abs(clock.now() - timezone.now()) < datetime.timedelta(seconds=5)


def test_a_naive_moment_is_read_in_belongs_time_zone():
    with clock.set_to(datetime.datetime(2026, 12, 8, 10, 0)) as moment:  # noqa: DTZ001
        assert timezone.localtime(moment).hour == 10


def _as_typed(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes")


def test_tick_now_shows_a_reminder_and_then_a_week_of_silence(citizen, aalborg_postcode):
    writer = UserFactory(postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    conversation = start_conversation(
        sender=writer, post=post, body="Hej! Må jeg gå med?", client_token=None
    ).conversation

    out = io.StringIO()
    call_command(
        "tick", "--now", _as_typed(timezone.now() + datetime.timedelta(days=3)), stdout=out
    )
    conversation.refresh_from_db()
    assert conversation.reminder_sent_at is not None
    assert conversation.status == ConversationStatus.AWAITING
    assert "remind_unanswered: 1" in out.getvalue()

    week_later = timezone.now() + datetime.timedelta(days=8)
    call_command("tick", "--now", _as_typed(week_later), stdout=io.StringIO())
    conversation = Conversation.objects.get(pk=conversation.pk)
    assert conversation.status == ConversationStatus.CLOSED
    closure = conversation.messages.get(kind=MessageKind.CLOSURE)
    assert abs(closure.created_at - week_later) < datetime.timedelta(minutes=1)


def test_tick_now_refuses_a_moment_it_cannot_read():
    with pytest.raises(CommandError, match="2026-12-08T10:00"):
        call_command("tick", "--now", "next tuesday")
