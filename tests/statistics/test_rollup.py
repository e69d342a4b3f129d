"""The nightly rollup writes each figure per municipality and calendar month, from each
app's stats.py, and gives the same rows however often it runs."""

import datetime
import io

import pytest

from belong.core import clock
from belong.core.periodic import run_periodic_tasks_as_of
from belong.statistics.models import MonthlyFigure
from tests.factories import UserFactory, make_post

pytestmark = pytest.mark.django_db


def moment(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def figures(municipality):
    return {
        (row.month.strftime("%Y-%m"), row.figure): row.value
        for row in MonthlyFigure.objects.filter(municipality=municipality)
    }


def test_the_nightly_rollup_counts_each_calendar_month(aalborg_postcode):
    author = UserFactory(postcode=aalborg_postcode)
    with clock.set_to(moment(2026, 3, 10, 12)):
        for _ in range(6):
            make_post(author=author)
    with clock.set_to(moment(2026, 4, 2, 12)):
        for _ in range(2):
            make_post(author=author)
    results = run_periodic_tasks_as_of(moment(2026, 4, 3, 2))
    assert results["roll_up_monthly_figures"] > 0
    found = figures(aalborg_postcode.municipality)
    assert found[("2026-03", "published_posts")] == 6
    assert found[("2026-04", "published_posts")] == 2
    assert found[("2026-04", "conversations")] == 0

    rows = MonthlyFigure.objects.count()
    run_periodic_tasks_as_of(moment(2026, 4, 3, 3))
    assert MonthlyFigure.objects.count() == rows
    assert figures(aalborg_postcode.municipality) == found


def test_a_month_is_read_in_danish_time(aalborg_postcode):
    author = UserFactory(postcode=aalborg_postcode)
    # 22:30 UTC on 31 March is already 1 April in Copenhagen.
    with clock.set_to(moment(2026, 3, 31, 22, 30)):
        make_post(author=author)
    run_periodic_tasks_as_of(moment(2026, 4, 3, 2))
    found = figures(aalborg_postcode.municipality)
    assert found[("2026-04", "published_posts")] == 1
    assert found[("2026-03", "published_posts")] == 0


def test_members_and_new_members_per_month(aalborg_postcode):
    for day in (moment(2026, 2, 5), moment(2026, 3, 1, 12), moment(2026, 3, 20)):
        UserFactory(postcode=aalborg_postcode, date_joined=day)
    UserFactory(postcode=aalborg_postcode, date_joined=moment(2026, 3, 21), is_staff=True)
    run_periodic_tasks_as_of(moment(2026, 4, 1, 2))
    found = figures(aalborg_postcode.municipality)
    assert found[("2026-03", "new_members")] == 2
    assert found[("2026-03", "members")] == 3
    assert found[("2026-04", "new_members")] == 0


def test_a_new_installation_counts_its_history_at_once(aalborg_postcode):
    from django.core.management import call_command

    UserFactory(postcode=aalborg_postcode, date_joined=moment(2025, 6, 10))
    with clock.set_to(moment(2026, 4, 3, 2)):
        call_command("roll_up_statistics", "--months", "12", stdout=io.StringIO())
    found = figures(aalborg_postcode.municipality)
    assert found[("2025-06", "new_members")] == 1
    assert found[("2025-04", "members")] == 0
    assert ("2025-03", "members") not in found
