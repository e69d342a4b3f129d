"""The demo's local life: clubs in Aalborg and Aarhus, verified and not, and a facilitator
with activities this week, one full with a waiting list and one for young people."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from belong.activities.models import Activity, SignUp
from belong.demo.seed import seed_demo
from belong.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("load_places", verbosity=0)
    return seed_demo(citizens=120, posts_per_citizen=1)


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
