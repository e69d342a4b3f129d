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
from itertools import zip_longest
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
from belong.posts import analysis, place_words, spelling
from belong.posts.candidates import indexed, newest_ids
from belong.posts.models import (
    INTEREST_BITS,
    Motive,
    Post,
    Reach,
    interests_to_mask,
)
from belong.posts.plan import filter_share, index_facets, index_place, query_words, uses_index

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
# A search that finds fewer posts than this tries close spellings of unknown words, then
# the posts with any of the words.
FEW_RESULTS = 3
# The posts with any of the words go this many pages deep (each word's list is read from
# its start): far enough to browse, not so far that one request reads thousands of posts.
ANY_WORD_PAGES = 10

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
    are searched for instead; and if they still find few, the posts with any of the words
    (`any_word_posts`). The results then say so."""
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
    if query.any_word:
        return any_word_posts(viewer=viewer, query=query, page_size=page_size)
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
    if len(results.posts) >= FEW_RESULTS:
        return results
    # Still few, of more than one word (as corrected; the topics alone where some words are
    # none, so that "gerne" and "nogen" find nothing by themselves): the posts with any of
    # them. In place of none; beside one or two, or where choices narrow the search (it is
    # then more often the choices that find nothing), offered (`SearchResults.wider`).
    best = topics or corrected
    words = replace(query, text=best[0]) if best else query
    if len(analysis.query_words(words.text)) < 2:
        return results
    any_word = replace(words, any_word=True, exact=True)
    if results.posts or _has_choices(query):
        results.wider = any_word
        results.wider_words = [word.text for word in analysis.query_words(words.text)]
        return results
    # No post had all the words: that search needs no second run.
    wider = any_word_posts(viewer=viewer, query=any_word, page_size=page_size, all_words=[])
    if not wider.posts:
        return results
    wider.typed = replace(query, exact=True)
    return wider


def _has_choices(query: SearchQuery) -> bool:
    """Whether the search is narrowed by more than words and place."""
    return bool(
        query.motives
        or query.interests
        or query.gender
        or query.age_min is not None
        or query.age_max is not None
        or query.organisations_only
    )


def any_word_posts(
    *, viewer: User, query: SearchQuery, page_size: int, all_words: list[int] | None = None
) -> SearchResults:
    """The posts with all the words first (`all_words`: their ids, when already found), then,
    taken in turn, those with each of them ("hund og kaffe": a post about dogs, one about
    coffee, and so on), so that a rare word's posts are not buried under a common one's.
    Each list is in the query's order; pages go as far as ANY_WORD_PAGES."""
    words = analysis.query_words(query.text)
    single = replace(query, any_word=False, page=1)
    if len(words) < 2:
        single = replace(single, page=query.page)
        return _search_posts(viewer=viewer, query=single, page_size=page_size)
    last = query.page >= ANY_WORD_PAGES
    needed = 0 if query.page > ANY_WORD_PAGES else query.page * page_size + 1
    reasons: dict[int, list[str]] = {}

    def found(text: str) -> list[int]:
        page = _page_ids(viewer=viewer, query=replace(single, text=text), start=0, count=needed)
        reasons.update(page.reasons)
        return page.ids

    lists = [found(word.text) for word in words] if needed else []
    first = all_words if all_words is not None else found(query.text) if needed else []
    combined = list(
        dict.fromkeys(first + [pk for turn in zip_longest(*lists) for pk in turn if pk])
    )
    offset = (query.page - 1) * page_size
    return SearchResults(
        query=query,
        posts=_rows(viewer, combined[offset : offset + page_size], reasons),
        page=query.page,
        has_next=not last and len(combined) > offset + page_size,
        centre=search_centre(viewer, query),
        terms=search_terms(query.text),
        ignored_text=False,
        any_of_words=[word.text for word in words],
    )


@dataclass
class _PageIds:
    ids: list[int]
    reasons: dict[int, list[str]]  # best match's reasons, by post id
    centre: Postcode | None
    has_words: bool


def _search_posts(*, viewer: User, query: SearchQuery, page_size: int) -> SearchResults:
    start = (query.page - 1) * page_size
    found = _page_ids(viewer=viewer, query=query, start=start, count=page_size + 1)
    rows = _rows(viewer, found.ids, found.reasons)
    return SearchResults(
        query=query,
        posts=rows[:page_size],
        page=query.page,
        has_next=len(rows) > page_size,
        centre=found.centre,
        terms=search_terms(query.text),
        ignored_text=bool(query.text.strip()) and not found.has_words,
    )


def _page_ids(*, viewer: User, query: SearchQuery, start: int, count: int) -> _PageIds:
    """The ids of the posts of a search, `start` to `start + count`, in its order."""
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
    words = query_words(query)
    walk = connection.vendor == "postgresql" and bool(words) and not uses_index(query)
    facets = index_facets(viewer=viewer, query=query, centre=centre, radius_ids=radius_ids)
    reasons: dict[int, list[str]] = {}
    if query.sort == "best":
        candidates = indexed(posts, facets, words, newest=False, walk=walk)
        ranked, reasons = best_matches(candidates, words, viewer=viewer, centre=centre)
        ids = [post.pk for post in ranked[start : start + count]]
    elif query.sort == "nearest" and centre is not None:
        nearest = (
            indexed(posts, facets, words, newest=False, walk=walk)
            .alias(nearness=nearness(centre))
            .order_by("nearness", "-published_at", "-id")
        )
        ids = list(nearest.values_list("id", flat=True)[start : start + count])
    else:
        ids = newest_ids(
            posts,
            facets,
            words,
            walk=walk,
            filters=filter_share(query),
            start=start,
            count=count,
        )
    return _PageIds(ids=ids, reasons=reasons, centre=centre, has_words=bool(words))


def _rows(viewer: User, ids: list[int], reasons: dict[int, list[str]]) -> list[Post]:
    """The posts of these ids, in their order, with their authors, as a page shows them.
    Fetched apart from finding them: joins in that query would only get in the planner's
    way."""
    home = viewer.postcode if viewer.postcode_id else None
    by_id = listing(ids) if ids else {}
    rows = [by_id[pk] for pk in ids if pk in by_id]
    for post in rows:
        post.distance_km = _distance_for(viewer, home, post)
        post.match_reasons = reasons.get(post.pk, [])
    return rows


def _distance_for(viewer: User, home: Postcode | None, post: Post) -> int | None:
    """Whole kilometres from the viewer's home; None where it would say too much."""
    from belong.posts.projections import distance_for_reader

    return distance_for_reader(viewer, post, home=home) if home is not None else None
