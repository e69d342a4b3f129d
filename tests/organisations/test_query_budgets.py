"""Every list page of organisations and activities answers in a bounded number of queries,
however long the list."""

import pytest
from django.urls import reverse

from belong.activities import services as activities
from belong.organisations import services
from tests.factories import UserFactory
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff, sign_in_staff

pytestmark = pytest.mark.django_db


def test_the_member_list(client, citizen, aalborg_postcode, django_assert_max_num_queries):
    club = make_organisation(citizen, ages="all")
    for n in range(15):
        person = UserFactory(postcode=aalborg_postcode, display_name=f"Medlem {n}")
        services.add_member(editor=citizen, organisation=club, email=person.email)
    client.force_login(citizen)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("organisation_members", args=[club.pk]))
    assert "Medlem 14" in page.content.decode()


def test_my_organisations(client, citizen, django_assert_max_num_queries):
    for n in range(12):
        club = make_organisation(citizen, name=f"Klub {n}")
        services.follow(user=citizen, organisation=club)
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("my_organisations"))
    assert "Klub 11" in page.content.decode()


def test_the_verification_queue(client, citizen, aalborg, django_assert_max_num_queries):
    for n in range(12):
        club = make_organisation(citizen, name=f"Klub {n}")
        services.apply_for_verification(applicant=citizen, organisation=club)
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("verification_queue"))
    assert "Klub 11" in page.content.decode()


def test_my_activities_and_the_attendance_list(
    client, citizen, aalborg, aalborg_postcode, django_assert_max_num_queries
):
    facilitator = make_staff(aalborg, "facilitator")
    walks = [make_activity(facilitator, municipality=aalborg, title=f"Tur {n}") for n in range(10)]
    for walk in walks:
        activities.sign_up(user=citizen, activity=walk)
    for _ in range(15):
        activities.sign_up(user=UserFactory(postcode=aalborg_postcode), activity=walks[0])
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("my_activities"))
    assert "Tur 9" in page.content.decode()
    client.force_login(facilitator)
    with django_assert_max_num_queries(10):
        client.get(reverse("my_activities"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("activity_attendance", args=[walks[0].pk]))
    assert page.content.decode().count('name="present"') == 16
