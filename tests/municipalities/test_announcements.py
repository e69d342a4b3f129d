"""Announcements: administrators write them; citizens of that municipality see them on the
front page and in their inbox while they are current."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from belong.municipalities.models import Announcement
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory, UserFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff


@pytest.fixture
def admin(aalborg, aalborg_postcode):
    return make_staff(aalborg, "administrator", display_name="Mette", postcode=aalborg_postcode)


def form(**fields):
    today = timezone.localdate()
    return {
        "title": "Julehygge på biblioteket",
        "body": "Kom og vær med torsdag kl. 14.",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=7)).isoformat(),
        **fields,
    }


def test_an_administrator_writes_changes_and_deletes_an_announcement(client, aalborg, admin):
    sign_in_staff(client, admin)
    page = client.get(reverse("announcement_new", args=[aalborg.pk])).content.decode()
    validate_html(page)
    response = client.post(reverse("announcement_new", args=[aalborg.pk]), form())
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.municipality == aalborg and announcement.created_by == admin
    local = timezone.localtime(announcement.starts_at)
    assert (local.hour, local.minute, local.date()) == (0, 0, timezone.localdate())
    # It is shown through the whole of its last day.
    assert timezone.localtime(announcement.ends_at).date() == timezone.localdate() + (
        datetime.timedelta(days=8)
    )

    edit = reverse("announcement_edit", args=[announcement.pk])
    page = client.get(edit).content.decode()
    validate_html(page)
    assert f'value="{(timezone.localdate() + datetime.timedelta(days=7)).isoformat()}"' in page
    client.post(edit, form(title="Julehygge i Vestbyen"))
    announcement.refresh_from_db()
    assert announcement.title == "Julehygge i Vestbyen"

    client.post(reverse("announcement_delete", args=[announcement.pk]))
    assert not Announcement.objects.exists()


def test_bad_dates_are_refused_politely_and_what_was_typed_is_kept(client, aalborg, admin):
    sign_in_staff(client, admin)
    url = reverse("announcement_new", args=[aalborg.pk])
    today = timezone.localdate()
    cases = [
        ({"ends_on": (today - datetime.timedelta(days=1)).isoformat()}, "ikke ligge før"),
        ({"starts_on": "31-02-2026"}, "dag-måned-år"),
        ({"starts_on": "1826-01-01"}, "mellem år 2000 og 2100"),
        ({"starts_on": "", "ends_on": ""}, "Dette felt er påkrævet"),
    ]
    for fields, message in cases:
        response = client.post(url, form(**fields))
        page = response.content.decode()
        assert response.status_code == 200, fields
        assert message in page, fields
        assert "Kom og vær med torsdag kl. 14." in page
    assert not Announcement.objects.exists()


def test_citizens_of_the_municipality_see_current_announcements_on_the_front_page_and_inbox(
    client, aalborg, admin, citizen
):
    now = timezone.now()
    Announcement.objects.create(
        municipality=aalborg,
        title="Nu i Aalborg",
        body="Nyt lige nu.",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    Announcement.objects.create(
        municipality=aalborg,
        title="Slut i Aalborg",
        body="Gammelt nyt.",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(hours=1),
    )
    Announcement.objects.create(
        municipality=aalborg,
        title="Snart i Aalborg",
        body="Kommer snart.",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    client.force_login(citizen)
    for name in ("home", "inbox"):
        page = client.get(reverse(name)).content.decode()
        validate_html(page)
        assert "Nyt fra din kommune" in page and "Nu i Aalborg" in page, name
        assert "Slut i Aalborg" not in page and "Snart i Aalborg" not in page, name


def test_citizens_of_another_municipality_and_anonymous_visitors_see_none(client, aalborg, admin):
    now = timezone.now()
    Announcement.objects.create(
        municipality=aalborg,
        title="Kun for Aalborg",
        body="x",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    assert "Kun for Aalborg" not in client.get(reverse("home")).content.decode()
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    LicenceFactory(municipality=aarhus)
    karen = UserFactory(postcode=PostcodeFactory(code="8000", municipality=aarhus))
    client.force_login(karen)
    for name in ("home", "inbox"):
        assert "Kun for Aalborg" not in client.get(reverse(name)).content.decode()


def test_the_announcement_list_has_a_fixed_query_budget(
    client, aalborg, admin, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(20):
        Announcement.objects.create(
            municipality=aalborg,
            title=f"Meddelelse {n}",
            body="x",
            starts_at=now - datetime.timedelta(days=n),
            ends_at=now + datetime.timedelta(days=1),
            created_by=admin,
        )
    sign_in_staff(client, admin)
    url = reverse("announcement_list", args=[aalborg.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    validate_html(response.content)
    assert response.content.decode().count("Meddelelse ") == 20


def test_the_front_page_and_inbox_spend_one_query_on_announcements(client, citizen):
    client.force_login(citizen)
    for name in ("home", "inbox"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(name))
        about = [q for q in queries if "municipalities_announcement" in q["sql"]]
        assert len(about) == 1, name


def test_staff_of_another_municipality_cannot_touch_them(client, aalborg, admin):
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    far_admin = make_staff(aarhus, "administrator")
    sign_in_staff(client, far_admin)
    response = client.post(reverse("announcement_new", args=[aalborg.pk]), form())
    assert response.status_code == 404
    assert not Announcement.objects.exists()
