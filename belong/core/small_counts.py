"""Small statistics are suppressed: a count below SMALL_COUNT is shown as "fewer than", so
that no small group can be singled out. Every page and dashboard uses this one rule."""

from __future__ import annotations

SMALL_COUNT = 10


def suppress_small(count: int) -> int | None:
    return count if count >= SMALL_COUNT else None
