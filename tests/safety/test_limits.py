import pytest
from django.core.cache import cache

from belong.core.limits import RateLimited, hit, parse_rate


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_parse_rate():
    assert parse_rate("5/m") == (5, 60)
    assert parse_rate("10/5m") == (10, 300)
    assert parse_rate("3/d") == (3, 86400)


def test_a_limit_counts_per_key_and_window():
    now = 1_000_040.0
    for _ in range(3):
        hit("test", "anne", "3/m", now=now)
    hit("test", "ole", "3/m", now=now)  # someone else has their own count
    with pytest.raises(RateLimited) as limited:
        hit("test", "anne", "3/m", now=now + 20)
    assert limited.value.retry_after == 40  # a minute from her first use
    hit("test", "anne", "3/m", now=now + 60)  # the next window starts afresh
    hit("test", "anne", "3/m", now=now + 61)


def test_a_window_begins_at_the_first_use_not_at_the_turn_of_the_hour():
    """Clock-aligned windows let 2 uses through across the turn of an hour for a limit of 1,
    and near the turn told the citizen to wait moments instead of an hour."""
    just_before_the_hour = 3600.0 * 480_000 - 1
    hit("test", "anne", "1/h", now=just_before_the_hour)
    with pytest.raises(RateLimited) as limited:
        hit("test", "anne", "1/h", now=just_before_the_hour + 2)
    assert limited.value.retry_after == 3598
    assert "60 minutes" in limited.value.message or "60 minutter" in limited.value.message
    hit("test", "anne", "1/h", now=just_before_the_hour + 3600)  # an hour after the first use


def test_the_message_is_polite_and_in_danish():
    from django.utils import translation

    with translation.override("da"):
        message = RateLimited("test", 600).message
    assert "10 minutter" in message
