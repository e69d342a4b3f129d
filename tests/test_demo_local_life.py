"""The demo's local life: clubs in Aalborg and Aarhus, verified and not, and a facilitator
with activities this week, one full with a waiting list and one for young people."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from belong.activities.models import Activity, SignUp
from belong.demo.seed import seed_demo
from belong.organisations.models import Organisation
from tests.conftest import FAST_HASHERS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """The demo is seeded once for the module, in a transaction rolled back at its end;
    each test's own changes roll back with the test (a savepoint inside it)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with transaction.atomic():
            call_command("load_places", verbosity=0)
            result = seed_demo(citizens=120, posts_per_citizen=1)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


def test_clubs_verified_and_not_in_both_municipalities(seeded):
    clubs = list(Organisation.objects.select_related("municipality"))
    assert {c.municipality.name for c in clubs} == {"Aalborg", "Aarhus"}
    assert {c.is_verified for c in clubs} == {True, False}
    assert Organisation.objects.filter(applications__status="pending").exists()


def test_the_walking_club_seeks_members_with_a_post_as_the_club(seeded):
    from belong.posts.models import Post

    post = Post.objects.get(title="Gåklubben søger nye gåvenner")
    assert post.organisation.name == "Aalborg Gåklub"
    assert post.status == "published"


def test_a_full_activity_with_a_waiting_list_and_one_for_youth(seeded):
    walk = Activity.objects.get(title__startswith="Gåtur og kaffe")
    statuses = list(SignUp.objects.filter(activity=walk).values_list("status", flat=True))
    assert statuses.count("confirmed") == walk.capacity and "waitlisted" in statuses
    assert Activity.objects.filter(age_range="youth", facilitator=walk.facilitator).exists()


def test_the_demo_pages_render(seeded, client):
    from belong.accounts.models import User

    client.force_login(User.objects.get(email="borger@demo.belong.dk"))
    assert "Gåtur og kaffe" in client.get(reverse("activity_list")).content.decode()
    listing = client.get(reverse("organisation_list")).content.decode()
    assert "Godkendt af Aalborg Kommune" in listing
