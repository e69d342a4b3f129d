"""Statistics come from each app's `stats.py`; small counts are suppressed once, here."""

import pytest

from belong.statistics.registry import figures_for, statistics
from tests.factories import UserFactory, make_post

pytestmark = pytest.mark.django_db


def test_each_app_adds_its_figures():
    assert {s.name for s in statistics()} >= {"published_posts", "conversations"}


def test_small_counts_are_suppressed(aalborg_postcode):
    author = UserFactory(postcode=aalborg_postcode)
    for _ in range(3):
        make_post(author=author)
    figures = {f.name: f.value for f in figures_for(aalborg_postcode.municipality)}
    assert figures["published_posts"] is None
    for _ in range(7):
        make_post(author=author)
    figures = {f.name: f.value for f in figures_for(aalborg_postcode.municipality)}
    assert figures["published_posts"] == 10
