"""What organisations and activities tell the registries: personal data to export and
erase, the logo as a report target, and statistics."""

import pytest

from belong.activities import privacy as activity_privacy
from belong.activities import services as activities
from belong.activities import stats as activity_stats
from belong.activities.models import SignUp
from belong.organisations import privacy, reports, stats
from belong.organisations.models import Follow, Membership
from belong.organisations.services import follow
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def test_a_persons_organisation_data_is_exported_and_erased(citizen, outsider):
    club = make_organisation(citizen)
    follow(user=outsider, organisation=club)
    assert privacy.export(outsider)["follows"][0]["organisation__name"] == club.name
    assert privacy.export(citizen)["memberships"][0]["role"] == "owner"
    privacy.erase(outsider)
    privacy.erase(citizen)
    assert not Follow.objects.exists() and not Membership.objects.exists()


def test_a_persons_sign_ups_are_exported_and_erased(citizen, aalborg):
    activity = make_activity(make_staff(aalborg, "facilitator"), municipality=aalborg)
    activities.sign_up(user=citizen, activity=activity)
    exported = activity_privacy.export(citizen)
    assert exported["activity_signups"][0]["status"] == "confirmed"
    activity_privacy.erase(citizen)
    assert not SignUp.objects.exists()


def test_the_logo_is_a_report_target_that_hides(citizen):
    club = make_organisation(citizen)
    target = reports.REPORT_TARGETS[0]
    assert target.get(club.pk) is None  # no logo, nothing to report
    club.logo = "logos/x.png"
    club.save()
    assert target.get(club.pk) == club and target.person(club) == citizen
    target.hide(club.pk)
    assert target.is_hidden(club.pk)
    target.unhide(club.pk)
    assert not target.is_hidden(club.pk)


def test_statistics_count(citizen, aalborg):
    club = make_organisation(citizen)
    follow(user=citizen, organisation=club)
    # The figures counted live; the monthly ones are the rollup's (tests/statistics).
    figures = {
        s.name: s.count(aalborg)
        for s in stats.STATISTICS + activity_stats.STATISTICS
        if hasattr(s, "count")
    }
    assert figures == {
        "verified_organisations": 0,
        "organisation_followers": 1,
        "activity_participants": 0,
        "activity_would_come_again": 0,
    }
