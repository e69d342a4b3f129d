"""The reciprocal score between a viewer and a post: do they fit what I seek, and do I fit
what they seek. Pure functions over plain values, so pages, the API and bench/matching.py
share them; the WEIGHTS below are the one place the score is tuned."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

# Each signal is a number from 0 (no fit) to 1 (full fit); the score is their weighted sum.
# Why these weights:
# - The wishes each way (age, gender, distance) weigh most: a suggestion that one side would
#   turn down is the mismatch that hurts after a meeting (PRODUCT.md, finding 3). Both
#   directions weigh the same, since a pair only succeeds when both say yes.
# - Shared interests and a shared life situation are what people say they look for in a
#   person; the motive says whether they seek the same kind of company at all.
# - Responsiveness and freshness only break ties between good fits: an author who answers
#   and a post that is still meant keep silence away (finding 5), but never make a poor fit
#   a good one.
WEIGHTS = {
    # Do they fit what I seek?
    "their_age_fits_me": 3.0,
    "their_gender_fits_me": 3.0,
    "distance_fits_me": 2.0,
    # Do I fit what they seek?
    "my_age_fits_them": 3.0,
    "my_gender_fits_them": 3.0,
    "distance_fits_them": 2.0,
    # Shared by both.
    "same_motive": 1.5,
    "shared_interests": 2.0,
    "shared_situation": 2.0,
    "responsiveness": 0.5,
    "freshness": 0.5,
}

# Motives that suit each other (either way round): the same kind of company, or a club and
# those who seek one. Two clubs that both seek members, or volunteers, seek the same people,
# not each other. "Something else" suits only itself.
MOTIVES_THAT_FIT = frozenset(
    frozenset(pair)
    for pair in (
        ("friend", "friend"),
        ("activity", "activity"),
        ("group", "group"),
        ("language", "language"),
        ("other", "other"),
        ("activity", "group"),
        ("activity", "members"),
        ("group", "members"),
        ("activity", "volunteers"),
        ("group", "volunteers"),
    )
)

# The signals that ask only whether the other fits the viewer: the one-sided score (the
# baseline in bench/matching.py) leaves out those that ask whether the viewer fits them.
THEIR_SIDE = ("my_age_fits_them", "my_gender_fits_them", "distance_fits_them")

# How many of the newest posts a viewer may see are scored each day for their suggestions.
# More candidates give the score more to choose from: in bench/matching.py (50,000 people)
# the share of the ten best where both would say yes was 0.28 from the newest 400 and 0.44
# from the newest 2,000; past that, few people have more posts within reach.
CANDIDATES = 2000

# Beyond this distance a place counts as no fit for someone who gave no limit.
FAR_KM = 50.0
# A post loses half its freshness in this many days.
FRESH_HALF_LIFE_DAYS = 14.0


@dataclass(frozen=True)
class Person:
    """What the score knows of one side: who they are and what they seek (from their own
    newest post, when they have one). `situation_mask` is, for the other side, only what
    they chose to show."""

    age: int | None
    gender: str
    latitude: float | None
    longitude: float | None
    interest_mask: int = 0
    situation_mask: int = 0
    motive: str | None = None
    wish_age_min: int | None = None
    wish_age_max: int | None = None
    wish_gender: str = "any"
    max_km: float | None = None
    responsiveness: float = 50.0  # 0-100, messaging's stored figure


def _age_fits(age: int | None, low: int | None, high: int | None) -> float:
    if low is None and high is None:
        return 1.0
    if age is None:
        return 0.5
    if low is not None and age < low:
        return max(0.0, 1.0 - (low - age) / 5)
    if high is not None and age > high:
        return max(0.0, 1.0 - (age - high) / 5)
    return 1.0


def _gender_fits(gender: str, wish: str) -> float:
    if wish in ("", "any", None):
        return 1.0
    return 1.0 if gender == wish else 0.0


def _distance_fits(km: float | None, limit: float | None) -> float:
    if km is None:
        return 0.5
    limit = limit or FAR_KM
    if km <= limit:
        return 1.0 - 0.3 * km / limit
    return max(0.0, 0.7 - (km - limit) / limit)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def distance_between(me: Person, them: Person) -> float | None:
    if (
        me.latitude is None
        or me.longitude is None
        or them.latitude is None
        or them.longitude is None
    ):
        return None
    return haversine_km(me.latitude, me.longitude, them.latitude, them.longitude)


def signals(
    me: Person,
    them: Person,
    *,
    km: float | None,
    age_days: float,
) -> dict[str, float]:
    """Every signal of WEIGHTS for a viewer `me` and the author `them` of a post that is
    `age_days` old, `km` away."""
    shared = bin(me.interest_mask & them.interest_mask).count("1")
    return {
        "their_age_fits_me": _age_fits(them.age, me.wish_age_min, me.wish_age_max),
        "their_gender_fits_me": _gender_fits(them.gender, me.wish_gender),
        "distance_fits_me": _distance_fits(km, me.max_km),
        "my_age_fits_them": _age_fits(me.age, them.wish_age_min, them.wish_age_max),
        "my_gender_fits_them": _gender_fits(me.gender, them.wish_gender),
        "distance_fits_them": _distance_fits(km, them.max_km),
        "same_motive": 0.5 if me.motive is None else float(motives_fit(me.motive, them.motive)),
        "shared_interests": min(1.0, shared / 2),
        "shared_situation": float(bool(me.situation_mask & them.situation_mask)),
        "responsiveness": them.responsiveness / 100,
        "freshness": 0.5 ** (max(0.0, age_days) / FRESH_HALF_LIFE_DAYS),
    }


def motives_fit(mine: str | None, theirs: str | None) -> bool:
    return frozenset((mine, theirs)) in MOTIVES_THAT_FIT


def score(values: dict[str, float], *, one_sided: bool = False) -> float:
    return sum(
        WEIGHTS[name] * value
        for name, value in values.items()
        if not (one_sided and name in THEIR_SIDE)
    )


def days_since(moment: datetime.datetime | None, now: datetime.datetime) -> float:
    if moment is None:
        return 0.0
    return (now - moment).total_seconds() / 86400
