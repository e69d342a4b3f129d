"""What a search asks for and what it finds: `SearchQuery`, read from and written to a
page's address, and `SearchResults`, with what the page says about how it searched. The
search itself is `belong.posts.search`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from belong.accounts.projections import snap_age_range
from belong.places.models import Postcode
from belong.posts import analysis
from belong.posts.models import INTEREST_BITS, Motive, Post

RADIUS_CHOICES = (2, 5, 10, 25, 50, 100)
WHERE_CHOICES = ("near", "municipality", "region", "country", "online")
SORT_CHOICES = ("newest", "nearest", "best")
GENDER_CHOICES = ("woman", "man", "other")
MAX_TERMS = analysis.MAX_QUERY_WORDS
STOP_WORDS = analysis.STOP_WORDS
WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a query worth searching for: normalised, no stop words or punctuation."""
    terms = []
    for word in analysis.words(text):
        if len(word) < 2 or word in terms:
            continue
        terms.append(word)
    return terms[:MAX_TERMS]


def _int(value, default=None, low=None, high=None):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    if low is not None and number < low:
        return default
    if high is not None and number > high:
        return default
    return number


@dataclass
class SearchQuery:
    text: str = ""
    motives: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    gender: str = ""
    where: str = "near"
    radius_km: int = 25
    postcode: str = ""
    sort: str = "newest"
    page: int = 1
    # The words as typed: no close spellings of words that find nothing, no place read
    # from them.
    exact: bool = False
    # "Foreninger": only posts written as an organisation (the page lists those too).
    organisations_only: bool = False
    # Posts with any of the words, not all of them (when all of them found little).
    any_word: bool = False

    def __post_init__(self):
        # A search never narrows finer than the age band a reader sees on a post.
        self.age_min, self.age_max = snap_age_range(self.age_min, self.age_max)

    @classmethod
    def from_params(cls, params) -> SearchQuery:
        """Read a query from GET parameters (a QueryDict); anything odd falls back quietly."""
        motives = [m for m in params.getlist("motive") if m in Motive.values]
        interests = [i for i in params.getlist("interest") if i in INTEREST_BITS]
        where = params.get("where") or "near"
        sort = params.get("sort") or "newest"
        gender = params.get("gender") or ""
        age_min = _int(params.get("age_min"), None, 13, 120)
        age_max = _int(params.get("age_max"), None, 13, 120)
        if age_min and age_max and age_min > age_max:
            age_min, age_max = age_max, age_min
        return cls(
            text=(params.get("q") or "").strip()[:200],
            motives=motives,
            interests=interests,
            age_min=age_min,
            age_max=age_max,
            gender=gender if gender in GENDER_CHOICES else "",
            where=where if where in WHERE_CHOICES else "near",
            radius_km=_int(params.get("radius"), 25, 1, 500),
            postcode=(params.get("postcode") or "").strip()[:6],
            sort=sort if sort in SORT_CHOICES else "newest",
            page=_int(params.get("side"), 1, 1, 10_000),
            exact=params.get("exact") == "1",
            organisations_only=params.get("show") == "organisations",
            any_word=params.get("words") == "any",
        )

    def to_params(self, *, page: int | None = None) -> dict:
        params = {
            "q": self.text,
            "motive": self.motives,
            "interest": self.interests,
            "age_min": self.age_min,
            "age_max": self.age_max,
            "gender": self.gender,
            "where": self.where,
            "radius": self.radius_km if self.where == "near" else None,
            "postcode": self.postcode,
            "sort": self.sort,
            "side": page if page and page > 1 else None,
            "exact": "1" if self.exact else None,
            "show": "organisations" if self.organisations_only else None,
            "words": "any" if self.any_word else None,
        }
        return {k: v for k, v in params.items() if v not in (None, "", [])}

    @classmethod
    def from_saved(cls, params: dict) -> SearchQuery:
        return cls.from_params(QueryDict(urlencode(params, doseq=True)))


@dataclass
class SearchResults:
    query: SearchQuery
    posts: list[Post]
    page: int
    has_next: bool
    centre: Postcode | None
    terms: list[str]
    ignored_text: bool
    # Set when the words as typed found little and close spellings were searched instead:
    # the words searched for, and the query as typed (to search for it anyway).
    searched_for: list[str] = field(default_factory=list)
    typed: SearchQuery | None = None
    # Set when the words named a place and the search looked there: what the page says.
    place_note: str = ""
    person_note: str = ""  # the author's gender or ages the words chose ("kvinder")
    # Set when no or few posts had all the words and posts with any of them are shown
    # too: those words, as searched for.
    any_of_words: list[str] = field(default_factory=list)
    # Set when one or two posts had all the words, or none within the choices: the search
    # for any of them, and the words, for the page to offer.
    wider: SearchQuery | None = None
    wider_words: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1
