"""The one search service: pages, the API and the benchmark all call `search_posts`.
Query parsing (`SearchQuery`) and planning (the search index, sorting, paging) live here.

Every rule about who may see a post (status, expiry, reach, the youth space) lives in
`visible_posts` (`belong/posts/visibility.py`), the canonical queryset; search only
narrows it down.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField
from django.http import QueryDict
from django.utils.translation import gettext as _

from belong.accounts.models import User, years_before
from belong.accounts.projections import snap_age_range
from belong.core import clock, limits
from belong.places.models import Postcode
from belong.places.nearby import postcodes_within
from belong.places.services import find_postcode
from belong.posts import analysis, place_words, search_index, spelling
from belong.posts.candidates import indexed, newest_ids
from belong.posts.models import (
    INTEREST_BITS,
    Motive,
    Post,
    Reach,
    interests_to_mask,
)
from belong.posts.plan import common_words, filter_share

# The ranking signals' registry lives with the ranking; apps add to it through here too.
from belong.posts.ranking import (  # noqa: F401
    RANKING_SIGNALS,
    RankingSignal,
    add_ranking_signal,
    best_matches,
    nearness,
)
from belong.posts.visibility import in_postcodes, listing, visible_posts

PAGE_SIZE = 20
RADIUS_CHOICES = (2, 5, 10, 25, 50, 100)
WHERE_CHOICES = ("near", "municipality", "region", "country", "online")
SORT_CHOICES = ("newest", "nearest", "best")
GENDER_CHOICES = ("woman", "man", "other")
MAX_TERMS = analysis.MAX_QUERY_WORDS
STOP_WORDS = analysis.STOP_WORDS
# A search that finds fewer posts than this tries close spellings of unknown words.
FEW_RESULTS = 3

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

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def query_words(query: SearchQuery) -> list:
    """The index expression of each word of the query (see belong.posts.analysis)."""
    return [word.expr for word in analysis.query_words(query.text)]


def uses_index(query: SearchQuery) -> bool:
    """Whether the search index answers this search. SQLite's FTS5 walks newest first and
    answers every search. PostgreSQL's GIN returns whole unordered posting lists, which
    for facets alone are long: a browse walks the covering place and newest indexes
    (0005) instead, and GIN answers searches with words, unless every word is in many
    posts (`common_words`): then it is a browse that tests each post for the words."""
    if connection.vendor != "postgresql":
        return True
    words = query_words(query)
    return bool(words) and not common_words(words, filters=filter_share(query))


def index_place(
    *, query: SearchQuery, centre: Postcode | None, radius_ids
) -> search_index.Expr | None:
    """The place as index tokens (None: the index cannot narrow the place)."""
    if query.where == "near" and centre is not None:
        return search_index.place(radius_ids)
    if query.where == "municipality" and centre is not None:
        return f"u_{centre.municipality_id}"
    if query.where == "region" and centre is not None:
        return f"e_{centre.municipality.region_id}"
    if query.where == "online":
        return f"r_{Reach.ONLINE}"
    return None


def index_facets(*, viewer: User, query: SearchQuery, centre: Postcode | None, radius_ids):
    """The index expression for a search: a superset of what it may find. Reach, expiry
    and the adult space narrow too little to pay for their long posting lists; the exact
    test settles them. None: the index cannot narrow this search."""
    if not uses_index(query):
        return None
    parts: list[search_index.Expr | None] = ["y_1"] if viewer.is_youth else []
    parts.append(index_place(query=query, centre=centre, radius_ids=radius_ids))
    if query.motives:
        parts.append(search_index.any_of(f"m_{motive}" for motive in query.motives))
    # PostgreSQL's GIN reads every posting list of an alternative in full and tests each
    # post in their union: the long alternatives of interests and birth years cost more
    # than they save, so there the exact test alone settles them. One interest is no
    # alternative: GIN skips through its list as through a word's.
    postgres = connection.vendor == "postgresql"
    if not postgres or len(query.interests) == 1:
        parts.append(search_index.interests(query.interests))
    if query.gender:
        parts.append(f"g_{query.gender}")
    if not postgres:
        parts.append(search_index.birth_years(query.age_min, query.age_max, clock.today()))
    expression = search_index.all_of(parts)
    if expression is None and not postgres:
        return "y_0"  # FTS5 needs something to match: the whole adult space
    return expression


def _equals(column: str, value: int, by_index: bool) -> Q | RawSQL:
    if by_index:
        return Q(**{column: value})
    return RawSQL(  # noqa: S611  (a fixed column name and an integer)
        f"+posts_post.{column} = {int(value)}", [], output_field=BooleanField()
    )


def _born_between(age_min: int | None, age_max: int | None, today: datetime.date) -> Q:
    q = Q()
    if age_min is not None:
        q &= Q(author_birth_date__lte=years_before(today, age_min))
    if age_max is not None:
        q &= Q(author_birth_date__gt=years_before(today, age_max + 1))
    return q


def search_centre(viewer: User, query: SearchQuery) -> Postcode | None:
    """Where "near" is measured from: the chosen postcode, else the viewer's home."""
    home = viewer.postcode if viewer.postcode_id else None
    return (find_postcode(query.postcode) if query.postcode else None) or home


def matching_posts(
    *,
    viewer: User,
    query: SearchQuery,
    centre: Postcode | None,
    radius_ids: list[int],
    place_in_index: bool = False,
) -> QuerySet[Post]:
    """The exact rules of a search, words aside: what `viewer` may see, narrowed by the
    place and the filters. The search index only finds candidates; this judges them.
    `place_in_index`: the search index narrows by place, so the place test is only a
    test, not a way in (see `in_postcodes`)."""
    posts = visible_posts(viewer)
    by_index = not place_in_index
    if query.where == "near" and centre is not None:
        posts = posts.filter(in_postcodes(radius_ids, by_index=by_index))
    elif query.where == "municipality" and centre is not None:
        posts = posts.filter(_equals("municipality_id", centre.municipality_id, by_index))
    elif query.where == "region" and centre is not None:
        posts = posts.filter(_equals("region_id", centre.municipality.region_id, by_index))
    elif query.where == "online":
        posts = posts.filter(reach=Reach.ONLINE)

    if query.motives:
        posts = posts.filter(motive__in=query.motives)
    if query.organisations_only:
        posts = posts.filter(organisation__isnull=False)
    if query.interests:
        mask = interests_to_mask(query.interests)
        posts = posts.alias(shared=F("interest_mask").bitand(mask)).filter(shared__gt=0)
    if query.gender:
        posts = posts.filter(author_gender=query.gender)
    if query.age_min is not None or query.age_max is not None:
        posts = posts.filter(_born_between(query.age_min, query.age_max, clock.today()))
    return posts


def search_for_person(
    *, viewer: User, query: SearchQuery, page_size: int = PAGE_SIZE
) -> SearchResults:
    """What a person's search calls (pages and the API): `search_posts` behind the per-person
    limit. Raises RateLimited. Benchmarks and digests call `search_posts` itself."""
    limits.hit("search", viewer.pk)
    return search_posts(viewer=viewer, query=query, page_size=page_size)


def no_results(query: SearchQuery) -> SearchResults:
    """An empty page of results, for a search that could not run."""
    return SearchResults(
        query=query,
        posts=[],
        page=query.page,
        has_next=False,
        centre=None,
        terms=[],
        ignored_text=False,
    )


def search_posts(*, viewer: User, query: SearchQuery, page_size: int = PAGE_SIZE) -> SearchResults:
    """One page of the posts `viewer` may see that fit `query`. Unless `query.exact`: words
    that name a place (and no place was chosen) say where to look (`read_place`); and when
    the words find fewer than FEW_RESULTS posts and some word is in no post, close spellings
    are searched for instead. The results then say so."""
    typed_query, place_note = query, ""
    if not query.exact:
        query, place_note = read_place(query)
    results = _with_spellings(viewer=viewer, query=query, page_size=page_size)
    if place_note:
        results.place_note = place_note
        results.typed = replace(typed_query, exact=True)
    return results


def read_place(query: SearchQuery) -> tuple[SearchQuery, str]:
    """The query with a place its words name as where to look, and what the page says; the
    query itself where no place is named or one was chosen (a postcode, a municipality)."""
    if query.postcode or query.where not in ("near", "country"):
        return query, ""
    found = place_words.read_place(query.text)
    if found is None:
        return query, ""
    place = found.place
    if place.country:
        note = _("Showing posts from the whole country")
        return replace(query, text=found.rest, where="country"), note
    if place.municipality:
        name = _("%(name)s Municipality") % {"name": place.label}
        note = _("Showing posts in %(place)s") % {"place": name}
        where = "municipality"
    else:
        note = _("Showing posts within %(km)s km of %(place)s") % {
            "km": query.radius_km,
            "place": place.label,
        }
        where = "near"
    return replace(query, text=found.rest, where=where, postcode=place.postcode), note


def _with_spellings(*, viewer: User, query: SearchQuery, page_size: int) -> SearchResults:
    results = _search_posts(viewer=viewer, query=query, page_size=page_size)
    if query.exact or query.page > 1 or len(results.posts) >= FEW_RESULTS:
        return results
    typed = analysis.query_words(query.text)
    if not typed:
        return results
    # Close spellings of the words no post holds; then, if still few, the topics alone.
    corrected = spelling.corrected_text(typed)
    tries = [corrected] if corrected else []
    topics = spelling.topics_only(analysis.query_words(corrected[0]) if corrected else typed)
    if topics is not None:
        tries.append(topics)
    for text, searched_for in tries:
        better = _search_posts(
            viewer=viewer, query=replace(query, text=text, exact=True), page_size=page_size
        )
        if len(better.posts) > len(results.posts):
            better.searched_for = searched_for
            better.typed = replace(query, exact=True)
            results = better
        if len(results.posts) >= FEW_RESULTS:
            break
    return results


def _search_posts(*, viewer: User, query: SearchQuery, page_size: int) -> SearchResults:
    home = viewer.postcode if viewer.postcode_id else None
    centre = search_centre(viewer, query)
    radius_ids: list[int] = []
    if query.where == "near" and centre is not None:
        radius_ids = sorted(postcodes_within(centre.latitude, centre.longitude, query.radius_km))
    place_in_index = connection.vendor == "postgresql" and uses_index(query)
    if place_in_index:
        place = index_place(query=query, centre=centre, radius_ids=radius_ids)
        place_in_index = place is not None
    posts = matching_posts(
        viewer=viewer,
        query=query,
        centre=centre,
        radius_ids=radius_ids,
        place_in_index=place_in_index,
    )

    # The exact rules above judge each post; the index finds the candidates, newest first.
    terms = search_terms(query.text)
    words = query_words(query)
    walk = connection.vendor == "postgresql" and bool(words) and not uses_index(query)
    facets = index_facets(viewer=viewer, query=query, centre=centre, radius_ids=radius_ids)
    offset = (query.page - 1) * page_size
    reasons: dict[int, list[str]] = {}
    if query.sort == "best":
        candidates = indexed(posts, facets, words, newest=False, walk=walk)
        ranked, reasons = best_matches(candidates, words, viewer=viewer, centre=centre)
        ids = [post.pk for post in ranked[offset : offset + page_size + 1]]
    elif query.sort == "nearest" and centre is not None:
        nearest = (
            indexed(posts, facets, words, newest=False, walk=walk)
            .alias(nearness=nearness(centre))
            .order_by("nearness", "-published_at", "-id")
        )
        ids = list(nearest.values_list("id", flat=True)[offset : offset + page_size + 1])
    else:
        ids = newest_ids(
            posts,
            facets,
            words,
            walk=walk,
            filters=filter_share(query),
            start=offset,
            count=page_size + 1,
        )
    # Then fetch those few posts with their authors: joins in the first query would only
    # get in the planner's way.
    by_id = listing(ids) if ids else {}
    rows = [by_id[pk] for pk in ids if pk in by_id]

    for post in rows:
        post.distance_km = _distance_for(viewer, home, post)
        post.match_reasons = reasons.get(post.pk, [])
    return SearchResults(
        query=query,
        posts=rows[:page_size],
        page=query.page,
        has_next=len(rows) > page_size,
        centre=centre,
        terms=terms,
        ignored_text=bool(query.text.strip()) and not words,
    )


def _distance_for(viewer: User, home: Postcode | None, post: Post) -> int | None:
    """Whole kilometres from the viewer's home; None where it would say too much."""
    from belong.posts.projections import distance_for_reader

    return distance_for_reader(viewer, post, home=home) if home is not None else None
