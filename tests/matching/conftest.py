import pytest

from tests.factories import UserFactory


@pytest.fixture
def neighbour(aalborg_postcode):
    return UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
