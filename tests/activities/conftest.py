"""Activity personas: Mette facilitates in Aalborg; Anne, Bo and a young Sofie take part."""

import pytest

from tests.factories import UserFactory
from tests.local_life import make_activity
from tests.staff import make_staff


@pytest.fixture
def facilitator(aalborg, aalborg_postcode):
    return make_staff(aalborg, "facilitator", display_name="Mette", postcode=aalborg_postcode)


@pytest.fixture
def bo(aalborg_postcode):
    return UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)


@pytest.fixture
def walk(facilitator):
    return make_activity(facilitator, title="Gåtur ved fjorden", capacity=2)
