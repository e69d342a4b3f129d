"""The contact rule about people: who may write to whom, whatever the place of contact."""

import datetime

import pytest
from django.utils import timezone, translation

from belong.accounts.models import ADULT_AGE, years_before
from belong.safety.contact import contact_refusal
from belong.safety.services import block_user
from tests.factories import UserFactory, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_adults_never_write_to_a_minor(citizen, minor):
    assert contact_refusal(citizen, minor) == "Adults cannot write to young people on Belong."


def test_a_minor_writes_to_another_minor_in_the_youth_space(minor, aalborg_postcode):
    other = UserFactory(birth_date=years_ago(16), postcode=aalborg_postcode)
    assert contact_refusal(minor, other) is None
    assert contact_refusal(minor, other, youth_space=False) is not None


def test_a_minor_does_not_write_to_an_adult(minor, citizen):
    assert contact_refusal(minor, citizen) == "You can only write to posts in the youth space."


def test_nobody_writes_across_a_block_or_to_themselves(citizen, outsider):
    assert contact_refusal(citizen, outsider) is None
    block_user(blocker=outsider, blocked=citizen)
    assert contact_refusal(citizen, outsider) == "You cannot write to this person."
    assert contact_refusal(citizen, citizen) == "You cannot write to yourself."


def test_the_adult_age_is_the_youth_spaces_edge(aalborg_postcode):
    today = timezone.localdate()
    turning = UserFactory(birth_date=years_before(today, ADULT_AGE), postcode=aalborg_postcode)
    almost = UserFactory(
        birth_date=years_before(today, ADULT_AGE) + datetime.timedelta(days=1),
        postcode=aalborg_postcode,
    )
    assert not turning.is_youth
    assert almost.is_youth


def test_n_years_before_a_leap_day_is_the_28th():
    assert years_before(datetime.date(2028, 2, 29), 18) == datetime.date(2010, 2, 28)


def test_a_municipality_can_open_its_youth_space_only_to_verified_ages(
    minor, aalborg, aalborg_postcode, settings
):
    other = UserFactory(birth_date=years_ago(16), postcode=aalborg_postcode)
    assert contact_refusal(minor, other) is None  # no municipality asks by default

    settings.BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE = [aalborg.code]
    assert contact_refusal(minor, other).startswith("Your municipality asks young people")

    type(minor).objects.filter(pk=minor.pk).update(age_verified_at=timezone.now())
    minor.refresh_from_db()
    # Verified now; the other is not, so cannot be written to in the youth space yet.
    assert contact_refusal(minor, other) == "You cannot write to this person."
    type(other).objects.filter(pk=other.pk).update(age_verified_at=timezone.now())
    other.refresh_from_db()
    assert contact_refusal(minor, other) is None

    settings.BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE = [aalborg.code + 1]
    type(minor).objects.filter(pk=minor.pk).update(age_verified_at=None)
    minor.refresh_from_db()
    assert contact_refusal(minor, other) is None  # another municipality's rule
