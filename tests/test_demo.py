from statistics import mean

import pytest
from allauth.account.models import EmailAddress

from belong.accounts.models import Gender, User
from belong.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from belong.places.models import Municipality
from belong.places.services import load_places


@pytest.fixture
def seeded(db):
    load_places()
    return seed_demo(citizens=400)


def test_the_demo_population_follows_the_real_platform(seeded):
    citizens = list(User.objects.filter(is_staff=False))
    assert len(citizens) >= 400
    women = sum(c.gender == Gender.WOMAN for c in citizens) / len(citizens)
    assert 0.58 < women < 0.74
    ages = [c.age() for c in citizens]
    assert min(ages) >= 13 and max(ages) <= 80
    assert 32 < mean(ages) < 40
    assert all(c.about for c in citizens)
    assert len({c.about for c in citizens}) > 200


def test_demo_citizens_live_in_licensed_municipalities(seeded):
    licensed = set(Municipality.objects.licensed())
    assert {m.name for m in licensed} >= {"Aalborg", "Aarhus"}
    assert all(
        u.postcode.municipality in licensed
        for u in User.objects.select_related("postcode__municipality")
    )


def test_the_demo_logins_work_and_are_verified(seeded, client):
    for email, _description in DEMO_LOGINS:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email=DEMO_LOGINS[1][0]).is_youth


def test_seeding_twice_adds_nothing(seeded):
    count = User.objects.count()
    again = seed_demo(citizens=400)
    assert not again.created
    assert User.objects.count() == count
