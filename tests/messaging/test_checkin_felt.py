"""How it felt: a small private scale in the after-meeting check-in, on the page, from the
e-mail's link and in the API; kept for the statistics, never shown to the other person."""

import datetime

from django.urls import reverse

from belong.core import clock
from belong.messaging.meetings import send_due_checkins
from belong.messaging.models import CheckIn, Outbox
from belong.messaging.stats import STATISTICS
from belong.messaging.tasks import render_email
from tests.api.conftest import api_client_for
from tests.html import validate_html
from tests.messaging.test_checkin_sending import agreed_meeting


def test_the_page_asks_how_it_felt_and_keeps_it_private(client, citizen, aalborg_postcode):
    bo, meeting = agreed_meeting(citizen, aalborg_postcode)
    with clock.set_to(meeting.starts_at + datetime.timedelta(days=1)):
        send_due_checkins()
        _subject, body = render_email(Outbox.objects.get(kind="checkin", recipient=citizen))
        link = reverse("conversation", args=[meeting.conversation_id]) + "#tjek-ind"
        assert link in body and "hvordan føltes det" in body
        client.force_login(citizen)
        url = reverse("conversation", args=[meeting.conversation_id])
        page = client.get(url).content.decode()
        validate_html(page)
        assert 'id="tjek-ind"' in page
        assert "Hvordan føltes det?" in page and "Rigtig godt" in page
        prefix = f"m{meeting.pk}"
        response = client.post(
            reverse("meeting_checkin", args=[meeting.pk]),
            {f"{prefix}-met": "yes", f"{prefix}-meet_again": "yes", f"{prefix}-felt": "5"},
        )
        assert response.status_code == 302
        assert CheckIn.objects.get(user=citizen).felt == 5
        # A made-up value is refused politely and stores nothing new.
        client.post(
            reverse("meeting_checkin", args=[meeting.pk]),
            {f"{prefix}-met": "yes", f"{prefix}-felt": "9"},
        )
        assert CheckIn.objects.get(user=citizen).felt == 5
        # Bo never sees how it felt for Anne.
        client.force_login(bo)
        page = client.get(url).content.decode()
        assert "Rigtig godt" in page  # his own form, still unanswered
        assert CheckIn.objects.filter(user=bo).count() == 0
    felt_good = next(figure for figure in STATISTICS if figure.name == "meetings_felt_good")
    # The answer was given a day after the meeting, whatever the time of day the test runs.
    around = (
        meeting.starts_at - datetime.timedelta(days=1),
        meeting.starts_at + datetime.timedelta(days=3),
    )
    assert felt_good.count_by_municipality(*around) == {aalborg_postcode.municipality_id: 1}


def test_the_api_takes_how_it_felt_and_refuses_what_is_not_on_the_scale(citizen, aalborg_postcode):
    _bo, meeting = agreed_meeting(citizen, aalborg_postcode)
    with clock.set_to(meeting.starts_at + datetime.timedelta(days=1)):
        api = api_client_for(citizen)
        bad = api.post(f"/meetings/{meeting.pk}/checkin", {"met": True, "felt": 7})
        assert bad.status_code == 422
        assert not CheckIn.objects.exists()
        ok = api.post(f"/meetings/{meeting.pk}/checkin", {"met": True, "felt": 2})
        assert ok.status_code == 200, ok.content
        assert CheckIn.objects.get(user=citizen).felt == 2
        # Left out: the person did not say.
        ok = api.post(f"/meetings/{meeting.pk}/checkin", {"met": False})
        assert ok.status_code == 200
        assert CheckIn.objects.get(user=citizen).felt is None
