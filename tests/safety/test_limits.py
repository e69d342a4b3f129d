import pytest
from django.core.cache import cache

from belong.safety.limits import RateLimited, hit, parse_rate


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_parse_rate():
    assert parse_rate("5/m") == (5, 60)
    assert parse_rate("10/5m") == (10, 300)
    assert parse_rate("3/d") == (3, 86400)


def test_a_limit_counts_per_key_and_window():
    now = 1_000_040.0  # 20 s into a minute window
    for _ in range(3):
        hit("test", "anne", "3/m", now=now)
    hit("test", "ole", "3/m", now=now)  # someone else has their own count
    with pytest.raises(RateLimited) as limited:
        hit("test", "anne", "3/m", now=now)
    assert limited.value.retry_after == 40
    hit("test", "anne", "3/m", now=now + 60)  # the next window starts afresh


def test_the_message_is_polite_and_in_danish():
    from django.utils import translation

    with translation.override("da"):
        message = RateLimited("test", 600).message
    assert "10 minutter" in message
