"""Dates within reason: a birth date makes a person 13 to 120 years old; a meeting lies
ahead, within a year. Polite errors on the pages and in the API, what was typed kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from belong.accounts.services import correct_birth_date
from belong.messaging.meetings import propose_meeting
from tests.api.conftest import api_client_for
from tests.staff import sign_in_staff


def test_a_birth_date_correction_to_1826_is_refused(client, citizen, administrator):
    url = reverse("staff_birth_date", args=[citizen.pk])
    sign_in_staff(client, administrator)
    page = client.post(url, {"birth_date": "1826-03-01", "reason": "Tastefejl"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "over 120 år" in text
    assert 'value="1826-03-01"' in text and "Tastefejl" in text
    citizen.refresh_from_db()
    assert citizen.birth_date.year != 1826


def test_the_service_refuses_an_age_over_120(citizen, administrator):
    with pytest.raises(ValidationError):
        correct_birth_date(
            staff=administrator,
            user=citizen,
            birth_date=datetime.date(1826, 3, 1),
            reason="Tastefejl",
        )
    oldest = timezone.localdate().replace(year=timezone.localdate().year - 120)
    correct_birth_date(staff=administrator, user=citizen, birth_date=oldest, reason="Ret")
    citizen.refresh_from_db()
    assert citizen.birth_date == oldest


@pytest.fixture
def talk(conversation):
    return conversation


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("9999-12-31", "inden for det næste år"),
        ("0001-01-01", "der ikke er gået endnu"),
    ],
)
def test_a_meeting_far_off_or_long_ago_is_refused_on_the_page(client, talk, day, words):
    client.force_login(talk.starter)
    url = reverse("meeting_propose", args=[talk.pk])
    page = client.post(url, {"day": day, "time": "15:30", "place": "Biblioteket"})
    text = page.content.decode()
    assert words in text
    assert "Biblioteket" in text
    assert not talk.meetings.exists()


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("9999-12-31", "inden for det næste år"),
        ("0001-01-01", "der ikke er gået endnu"),
    ],
)
def test_a_meeting_far_off_or_long_ago_is_refused_in_the_api(talk, day, words):
    api = api_client_for(talk.starter)
    response = api.post(
        f"/conversations/{talk.pk}/meetings", {"day": day, "time": "15:30", "place": "Biblioteket"}
    )
    assert response.status_code in (400, 422)
    assert words in response.json()["message"]
    assert not talk.meetings.exists()


def test_the_service_holds_the_horizon(talk):
    now = timezone.now()
    with pytest.raises(ValidationError):
        propose_meeting(
            proposer=talk.starter,
            conversation=talk,
            starts_at=now + datetime.timedelta(days=400),
            place="Biblioteket",
            now=now,
        )
    meeting = propose_meeting(
        proposer=talk.starter,
        conversation=talk,
        starts_at=now + datetime.timedelta(days=300),
        place="Biblioteket",
        now=now,
    )
    assert meeting.pk
