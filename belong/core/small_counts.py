"""Small statistics are suppressed: a count below SMALL_COUNT is shown as "fewer than", so
that no small group can be singled out. The rules live in belong/core/disclosure.py; this
name is kept for the pages that show public counts."""

from belong.core.disclosure import SMALL_COUNT, suppress_small

__all__ = ["SMALL_COUNT", "suppress_small"]
