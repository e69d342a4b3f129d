"""The after-meeting check-in reaches people: e-mailed the day after, in the inbox and API."""

import datetime

from django.urls import reverse
from django.utils import timezone

from belong.core import clock
from belong.messaging.meetings import answer_meeting, propose_meeting, send_due_checkins
from belong.messaging.models import CheckIn, Outbox
from belong.messaging.services import start_conversation
from belong.messaging.tasks import render_email
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post


def agreed_meeting(citizen, aalborg_postcode):
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=citizen, post=make_post(bo), body="Hej Bo", client_token=None
    ).conversation
    # Tomorrow at noon, whatever the time of day now: two hours later is still the same day.
    noon = timezone.localtime(clock.now()).replace(hour=12, minute=0, second=0, microsecond=0)
    starts_at = noon + datetime.timedelta(days=1)
    meeting = propose_meeting(
        proposer=bo, conversation=conversation, starts_at=starts_at, place="Café Nord"
    )
    answer_meeting(user=citizen, meeting=meeting, answer="accept")
    return bo, meeting


def test_the_checkin_goes_out_the_day_after_once(citizen, aalborg_postcode):
    bo, meeting = agreed_meeting(citizen, aalborg_postcode)
    # On the day of the meeting itself: nothing yet.
    with clock.set_to(meeting.starts_at + datetime.timedelta(hours=2)):
        assert send_due_checkins() == []
    with clock.set_to(meeting.starts_at + datetime.timedelta(days=1)):
        assert send_due_checkins() == [meeting.pk]
        assert send_due_checkins() == []
    meeting.refresh_from_db()
    assert meeting.checkin_sent_at is not None
    rows = Outbox.objects.filter(kind="checkin")
    assert {r.recipient_id for r in rows} == {citizen.pk, bo.pk}
    _subject, body = render_email(rows.get(recipient=citizen))
    assert "Hvordan gik" in _subject and "aldrig" in body


def test_the_inbox_and_the_api_ask_and_the_answer_stays_private(client, citizen, aalborg_postcode):
    bo, meeting = agreed_meeting(citizen, aalborg_postcode)
    with clock.set_to(meeting.starts_at + datetime.timedelta(days=1)):
        client.force_login(citizen)
        page = client.get(reverse("inbox")).content.decode()
        assert "Hvordan gik jeres møde?" in page and "Café Nord" in page
        api = api_client_for(citizen)
        assert [c["meeting_id"] for c in api.get("/checkins").json()] == [meeting.pk]
        answer = api.post(f"/meetings/{meeting.pk}/checkin", {"met": True, "meet_again": "yes"})
        assert answer.status_code == 200, answer.content
        assert api.get("/checkins").json() == []
        assert CheckIn.objects.get(user=citizen).met is True
        # Bo is still asked, and sees nothing of Anne's answer.
        bo_api = api_client_for(bo)
        assert [c["meeting_id"] for c in bo_api.get("/checkins").json()] == [meeting.pk]
        client.force_login(bo)
        page = client.get(reverse("conversation", args=[meeting.conversation_id])).content.decode()
        assert "Vil du gerne mødes igen?" in page  # his own question, unanswered
