"""Activity pages: near you (with its query budget), one activity with places taken,
sign-up and cancel, the calendar file, the organiser's pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from belong.activities import services
from belong.activities.models import Activity, ActivityCheckIn, SignUp
from tests.factories import UserFactory
from tests.html import validate_html
from tests.local_life import make_activity

pytestmark = pytest.mark.django_db


def test_activities_near_you_keeps_to_a_query_budget(
    client, facilitator, citizen, django_assert_max_num_queries
):
    for n in range(15):
        make_activity(facilitator, title=f"Aktivitet {n}")
    client.force_login(citizen)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("activity_list"))
    validate_html(page.content)
    text = page.content.decode()
    assert "Aktiviteter i nærheden" in text and "Aktivitet 14" in text


def test_places_taken_are_shown(client, facilitator, citizen, aalborg_postcode):
    activity = make_activity(facilitator, capacity=50)
    for _ in range(19):
        services.sign_up(user=UserFactory(postcode=aalborg_postcode), activity=activity)
    client.force_login(citizen)
    page = client.get(reverse("activity_detail", args=[activity.pk]))
    validate_html(page.content)
    assert "19 af 50 pladser taget" in page.content.decode()


def test_sign_up_waitlist_and_cancel_on_the_page(client, walk, citizen, bo, outsider):
    services.sign_up(user=bo, activity=walk)
    services.sign_up(user=outsider, activity=walk)
    client.force_login(citizen)
    response = client.post(reverse("activity_signup", args=[walk.pk]), follow=True)
    text = response.content.decode()
    assert "ventelisten" in text and "nummer 1 på ventelisten" in text
    services.cancel_signup(user=bo, activity=walk)
    text = client.get(reverse("activity_detail", args=[walk.pk])).content.decode()
    assert "Du har en plads" in text
    client.post(reverse("activity_cancel_signup", args=[walk.pk]))
    assert SignUp.objects.get(user=citizen).status == "cancelled"


def test_the_calendar_file(client, walk, citizen):
    client.force_login(citizen)
    response = client.get(reverse("activity_ics", args=[walk.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert f"activity-{walk.uid}@belong".encode() in response.content


def test_the_organisation_feed_needs_no_login(client, citizen):
    from tests.local_life import make_organisation

    club = make_organisation(citizen)
    make_activity(citizen, organisation=club, title="Aftentur")
    response = client.get(reverse("organisation_calendar", args=[club.pk]))
    assert response.status_code == 200 and b"Aftentur" in response.content


def test_a_facilitator_creates_an_activity(client, facilitator):
    client.force_login(facilitator)
    page = client.get(reverse("activity_new"))
    validate_html(page.content)
    day = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        reverse("activity_new"),
        {
            "organiser": f"kommune:{facilitator.municipality.pk}",
            "title": "Brætspilsaften",
            "description": "Vi spiller brætspil på biblioteket.",
            "day": day,
            "time": "18:00",
            "duration": "120",
            "repeat_weeks": "1",
            "place": "Hovedbiblioteket",
            "capacity": "12",
            "age_range": "adult",
            "step_free": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Activity.objects.filter(title="Brætspilsaften").count() == 2


def test_a_citizen_without_an_organisation_cannot_create(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("activity_new")).status_code == 404


def test_the_facilitator_takes_attendance(client, walk, facilitator, citizen, bo):
    mine = services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    client.force_login(facilitator)
    page = client.get(reverse("activity_attendance", args=[walk.pk]))
    validate_html(page.content)
    client.post(reverse("activity_attendance", args=[walk.pk]), {"present": [str(mine.pk), "x"]})
    assert SignUp.objects.get(pk=mine.pk).attended is True
    assert SignUp.objects.get(user=bo).attended is False


def test_the_check_in_after_the_activity(client, walk, citizen):
    services.sign_up(user=citizen, activity=walk)
    Activity.objects.filter(pk=walk.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(citizen)
    page = client.get(reverse("activity_detail", args=[walk.pk]))
    assert "Hvordan gik det?" in page.content.decode()
    client.post(
        reverse("activity_checkin", args=[walk.pk]), {"how_it_went": "ok", "come_again": "maybe"}
    )
    assert ActivityCheckIn.objects.get().how_it_went == "ok"


def test_my_activities(client, walk, facilitator, citizen):
    services.sign_up(user=citizen, activity=walk)
    client.force_login(citizen)
    page = client.get(reverse("my_activities"))
    validate_html(page.content)
    assert walk.title in page.content.decode()
    client.force_login(facilitator)
    assert walk.title in client.get(reverse("my_activities")).content.decode()
