"""Believable post texts for the demo and the search benchmark, and demo posts to match.

Texts are put together from everyday phrases: a sentence about who I am, one or two about
what I like, one about whom I seek, sometimes a practical note. Each phrase pool is drawn
with Zipf weights (the first phrase is the most common, the tail is long and rare), so the
words of a million posts are as unevenly spread as in real text: that unevenness is what
full-text indexes and their benchmarks are sensitive to.
"""

from __future__ import annotations

import datetime
import itertools
import random
from dataclasses import dataclass
from functools import lru_cache

from belong.accounts.interests import INTERESTS
from belong.core import clock
from belong.demo.phrases import (
    ACTIVITIES,
    INTRO_DA,
    INTRO_EN,
    INTRO_GENDERED_DA,
    INTRO_YOUTH_DA,
    LIKES_DA,
    LIKES_EN,
    PRACTICAL_DA,
    PRACTICAL_EN,
    SEEK_DA,
    SEEK_EN,
    TITLES_DA,
    TITLES_EN,
    TRAITS_DA,
    TRAITS_EN,
)
from belong.posts.models import Motive, Reach

ENGLISH_SHARE = 0.1
INTEREST_SLUGS = [slug for slug, _label in INTERESTS]

# How often each motive is chosen: most people seek a friend or someone to do things with.
MOTIVE_WEIGHTS = {
    Motive.FRIEND: 0.34,
    Motive.ACTIVITY: 0.3,
    Motive.GROUP: 0.1,
    Motive.MEMBERS: 0.07,
    Motive.VOLUNTEERS: 0.06,
    Motive.LANGUAGE: 0.06,
    Motive.OTHER: 0.07,
}
# Interests are uneven too: walks and coffee are everywhere, fishing is rarer.
INTEREST_WEIGHTS = [1 / (rank + 2) ** 0.8 for rank in range(len(INTEREST_SLUGS))]
# Reach: most posts stay near, then the municipality, region, country and online.
REACH_CHOICES = [
    ((Reach.NEAR, 5), 0.12),
    ((Reach.NEAR, 10), 0.22),
    ((Reach.NEAR, 25), 0.18),
    ((Reach.NEAR, 50), 0.08),
    ((Reach.MUNICIPALITY, None), 0.18),
    ((Reach.REGION, None), 0.1),
    ((Reach.COUNTRY, None), 0.08),
    ((Reach.ONLINE, None), 0.04),
]
STATUS_WEIGHTS = [("published", 0.86), ("paused", 0.04), ("draft", 0.05), ("expired", 0.05)]
ZIPF_EXPONENT = 1.1
LIFETIME = datetime.timedelta(days=90)
PUBLISHED_WITHIN_DAYS = 80


def zipf_cum_weights(n: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


class _Pool:
    """A list drawn with Zipf weights: the first items are common, the last ones rare."""

    __slots__ = ("items", "cum")

    def __init__(self, items):
        self.items = list(items)
        self.cum = zipf_cum_weights(len(self.items))

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


@lru_cache(maxsize=1)
def _pools() -> dict:
    lang = {"da": 0, "en": 1}
    return {
        "activities": {
            (slug, code): _Pool(pair[index])
            for slug, pair in ACTIVITIES.items()
            for code, index in lang.items()
        },
        "intro": {"da": _Pool(INTRO_DA), "en": _Pool(INTRO_EN), "youth": _Pool(INTRO_YOUTH_DA)},
        "likes": {"da": _Pool(LIKES_DA), "en": _Pool(LIKES_EN)},
        "traits": {"da": _Pool(TRAITS_DA), "en": _Pool(TRAITS_EN)},
        "practical": {"da": _Pool(PRACTICAL_DA), "en": _Pool(PRACTICAL_EN)},
        "seek": {
            "da": {m: _Pool(s) for m, s in SEEK_DA.items()},
            "en": {m: _Pool(s) for m, s in SEEK_EN.items()},
        },
        "titles": {
            "da": {m: _Pool(s) for m, s in TITLES_DA.items()},
            "en": {m: _Pool(s) for m, s in TITLES_EN.items()},
        },
    }


@dataclass
class PostText:
    title: str
    body: str
    motive: str
    interests: list[str]
    language: str


def write_post(
    rng: random.Random,
    *,
    age: int,
    town: str,
    name: str = "",
    gender: str = "",
    motive: str | None = None,
) -> PostText:
    """One post: title and a body of three to six sentences about who I am and whom I seek."""
    pools = _pools()
    language = "en" if rng.random() < ENGLISH_SHARE and age >= 16 else "da"
    if motive is None:
        motive = rng.choices(list(MOTIVE_WEIGHTS), list(MOTIVE_WEIGHTS.values()))[0]
    count = rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
    interests: list[str] = []
    while len(interests) < count:
        slug = rng.choices(INTEREST_SLUGS, INTEREST_WEIGHTS)[0]
        if slug not in interests:
            interests.append(slug)
    doing = [pools["activities"][(slug, language)].pick(rng) for slug in interests]
    fill = {"age": age, "town": town, "name": name or "jeg", "a": doing[0]}

    intro = pools["intro"]["youth" if age < 18 and language == "da" else language]
    if language == "da" and age >= 25 and gender in INTRO_GENDERED_DA and rng.random() < 0.2:
        sentences = [rng.choice(INTRO_GENDERED_DA[gender]).format(**fill)]
    else:
        sentences = [intro.pick(rng).format(**fill)]
    if rng.random() < 0.45:
        sentences.append(pools["traits"][language].pick(rng))
    for activity in doing[1:] if len(doing) > 1 else doing:
        sentences.append(pools["likes"][language].pick(rng).format(a=activity))
    sentences.append(pools["seek"][language][motive].pick(rng).format(**fill))
    for _extra in range(rng.choices((0, 1, 2), (0.3, 0.5, 0.2))[0]):
        note = pools["practical"][language].pick(rng)
        if note not in sentences:
            sentences.append(note)
    title = pools["titles"][language][motive].pick(rng)
    title = title.format(town=town, a=doing[0], A=doing[0][:1].upper() + doing[0][1:])
    return PostText(
        title=title[:120],
        body=" ".join(sentences),
        motive=str(motive),
        interests=interests,
        language=language,
    )


def pick_reach(rng: random.Random) -> tuple[str, int | None]:
    return rng.choices([r for r, _w in REACH_CHOICES], [w for _r, w in REACH_CHOICES])[0]


def pick_status(rng: random.Random) -> str:
    return rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[0]


def wish_ages(rng: random.Random, age: int) -> tuple[int | None, int | None]:
    """Most leave the age open; some ask for people about their own age."""
    if rng.random() < 0.65:
        return None, None
    if age < 18:
        return max(13, age - 2), min(17, age + 2)
    low = max(18, age - rng.choice((5, 10, 15)))
    return low, max(low, min(99, age + rng.choice((5, 10, 15))))


def timeline(
    rng: random.Random, status: str, now: datetime.datetime
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """(published_at, expires_at) for a post of this status: published within the last 80
    days and visible for 90; expired ones ran out before today."""
    if status == "draft":
        return None, None
    days = PUBLISHED_WITHIN_DAYS if status != "expired" else PUBLISHED_WITHIN_DAYS + 90
    low = 0 if status != "expired" else 91
    published = now - datetime.timedelta(seconds=rng.uniform(low * 86400, days * 86400))
    return published, published + LIFETIME


def seed_demo_posts(*, rng: random.Random, authors, count: int, status: str | None = None) -> int:
    """Write `count` posts for `authors` (users with a postcode) through the real service,
    then spread their publication over the last weeks as if written over time. `status`
    fixes the status instead of the usual mix."""
    from belong.posts.indexing import vocabulary_in_one_go

    with vocabulary_in_one_go():
        return _seed_posts(rng=rng, authors=authors, count=count, status=status)


def _seed_posts(*, rng: random.Random, authors, count: int, status: str | None) -> int:
    from belong.posts.models import Post
    from belong.posts.services import save_post

    status_for_all = status
    now = clock.now()
    today = clock.today()
    authors = [a for a in authors if a.postcode_id]
    written = 0
    for index in range(count):
        author = authors[index % len(authors)] if index < len(authors) else rng.choice(authors)
        age = author.age(today) or 30
        text = write_post(
            rng,
            age=age,
            town=author.postcode.name,
            name=author.display_name,
            gender=author.gender,
        )
        reach, reach_km = pick_reach(rng)
        wish_min, wish_max = wish_ages(rng, age)
        status = status_for_all or pick_status(rng)
        fields = {
            "title": text.title,
            "body": text.body,
            "motive": text.motive,
            "interests": text.interests,
            "wish_age_min": wish_min,
            "wish_age_max": wish_max,
            "wish_gender": rng.choices(("any", "woman", "man"), (0.8, 0.15, 0.05))[0],
            "reach": reach,
            "reach_km": reach_km,
        }
        post = save_post(author=author, fields=fields, publish=status != "draft")
        published_at, expires_at = timeline(rng, status, now)
        created_at = (published_at or now) - datetime.timedelta(minutes=rng.randrange(5, 600))
        Post.objects.filter(pk=post.pk).update(
            status=status,
            published_at=published_at,
            expires_at=expires_at,
            created_at=created_at,
            updated_at=published_at or created_at,
        )
        written += 1
    return written
