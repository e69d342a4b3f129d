"""The one search service: pages, the API and the benchmark all call `search_posts`.
Planning (the search index, sorting, paging) and what a search tries when its words find
little live here; the query and its results are `belong.posts.queries`.

Every rule about who may see a post (status, expiry, reach, the youth space) lives in
`visible_posts` (`belong/posts/visibility.py`), the canonical queryset; search only
narrows it down.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from itertools import zip_longest

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext as _

from belong.accounts.models import User, years_before
from belong.core import clock, limits
from belong.places.models import Postcode
from belong.places.nearby import postcodes_within
from belong.places.services import find_postcode
from belong.posts import analysis, person_words, place_words, spelling
from belong.posts.candidates import indexed, newest_ids
from belong.posts.models import (
    Post,
    Reach,
    interests_to_mask,
)
from belong.posts.plan import filter_share, index_facets, index_place, query_words, uses_index

# What a search asks for and finds is read from here by pages, the API and the tasks.
from belong.posts.queries import (  # noqa: F401
    GENDER_CHOICES,
    MAX_TERMS,
    RADIUS_CHOICES,
    SORT_CHOICES,
    STOP_WORDS,
    WHERE_CHOICES,
    SearchQuery,
    SearchResults,
    search_terms,
)

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
# A search that finds fewer posts than this tries close spellings of unknown words, then
# the posts with any of the words.
FEW_RESULTS = 3
# The posts with any of the words go this many pages deep (each word's list is read from
# its start): far enough to browse, not so far that one request reads thousands of posts.
ANY_WORD_PAGES = 10


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
    by_index = not place_in_index
    # One filter() of them all: each call copies the whole query, a tenth of a millisecond
    # a time once the rules of `visible_posts` are in it.
    conditions: list[Q | RawSQL | GreaterThan] = []
    if query.where == "near" and centre is not None:
        conditions.append(in_postcodes(radius_ids, by_index=by_index))
    elif query.where == "municipality" and centre is not None:
        conditions.append(_equals("municipality_id", centre.municipality_id, by_index))
    elif query.where == "region" and centre is not None:
        conditions.append(_equals("region_id", centre.municipality.region_id, by_index))
    elif query.where == "online":
        conditions.append(Q(reach=Reach.ONLINE))

    if query.motives:
        conditions.append(Q(motive__in=query.motives))
    if query.organisations_only:
        conditions.append(Q(organisation__isnull=False))
    if query.interests:
        mask = interests_to_mask(query.interests)
        conditions.append(GreaterThan(F("interest_mask").bitand(mask), 0))
    if query.gender:
        conditions.append(Q(author_gender=query.gender))
    if query.age_min is not None or query.age_max is not None:
        conditions.append(_born_between(query.age_min, query.age_max, clock.today()))
    return visible_posts(viewer, *conditions)


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
    typed_query, place_note, person_note = query, "", ""
    if not query.exact:
        query, place_note = read_place(query)
        query, person_note = read_person(query, viewer=viewer)
    results = _with_spellings(viewer=viewer, query=query, page_size=page_size)
    if place_note or person_note:
        results.place_note = place_note
        results.person_note = person_note
        results.typed = replace(typed_query, exact=True)
    return results


def read_person(query: SearchQuery, *, viewer: User) -> tuple[SearchQuery, str]:
    """The query with the gender and ages its words ask for ("kvinder over 60") as its
    choices, and what the page says; the query itself where the words ask for none, or
    the form chose a gender or ages already."""
    if query.gender or query.age_min is not None or query.age_max is not None:
        return query, ""
    found = person_words.read_person(query.text, reader_age=viewer.age())
    if found is None:
        return query, ""
    narrowed = replace(
        query, text=found.rest, gender=found.gender, age_min=found.age_min, age_max=found.age_max
    )
    return narrowed, person_note(narrowed)


def person_note(query: SearchQuery) -> str:
    """What the page says of the author's gender and ages a search's words chose."""
    who = {"woman": _("women"), "man": _("men")}.get(query.gender) or _("people")
    low, high = query.age_min, query.age_max
    if low is not None and high is not None:
        return _("Showing posts by %(who)s aged %(low)s to %(high)s") % {
            "who": who,
            "low": low,
            "high": high,
        }
    if low is not None:
        return _("Showing posts by %(who)s aged %(low)s and over") % {"who": who, "low": low}
    if high is not None:
        return _("Showing posts by %(who)s aged up to %(high)s") % {"who": who, "high": high}
    if query.gender:
        return _("Showing posts by %(who)s") % {"who": who}
    return ""


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
    # A compound counts as its parts ("svampejagt": mushrooms, hunting).
    best = topics or corrected
    words = replace(query, text=best[0]) if best else query
    apart = spelling.parts_apart(analysis.query_words(words.text))
    if apart is not None:
        words = replace(words, text=apart)
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
    way. Distances are from the viewer's home, None where they would say too much."""
    from belong.posts.projections import distances_for_reader

    by_id = listing(ids) if ids else {}
    rows = [by_id[pk] for pk in ids if pk in by_id]
    home = viewer.postcode if viewer.postcode_id else None
    for post, km in zip(rows, distances_for_reader(viewer, rows, home=home), strict=True):
        post.distance_km = km
        post.match_reasons = reasons.get(post.pk, [])
    return rows
