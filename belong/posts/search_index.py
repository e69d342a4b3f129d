"""Index expressions: which tokens of the search index a search asks for: SQLite's FTS5
table (migrations 0004 and 0008) and PostgreSQL's `search_keys` GIN index (0007 and 0008).

Every published post is in one FTS5 index with its word tokens (`Post.search_words`, made by
belong.posts.analysis) in one column and its facets as tokens in another:
`y_1` (youth space), `p_<postcode>`, `c_<row>_<col>` and `d_<row>_<col>` (grid cells of
about 10 and 40 km), `u_<municipality>`, `e_<region>`, `m_<motive>`, `r_<reach>`,
`g_<gender>`, `b_<birth year>` (indexed, no longer asked for: see `plan.index_facets`)
and `i_<interest bit>`. A search becomes one walk of that index: posting lists intersected
newest first, which stays fast however strict the filters and however crowded the place.
PostgreSQL's `search_keys` holds the words and the same facets as lexemes, and the
publication day too, `t_<day>` (0012), so that GIN can be asked for the newest days first.

The index narrows, it never judges. An expression may match more than the search wants
(a grid cell around a radius, the posts of any motive where two were chosen), because the
exact rules of `visible_posts` and the filters run in SQL on each post the index yields. It
must never match less.
"""

from __future__ import annotations

import datetime
import re

from belong.places.nearby import kept_until_places_change, postcode_point
from belong.posts import analysis
from belong.posts.models import INTEREST_BITS

# Degrees of latitude and longitude per cell, as in the migration: about 10 km and 40 km
# squares at Danish latitudes.
CELLS = {"c": (0.09, 0.15), "d": (0.36, 0.6)}
# More alternatives than this in one place filter make the index walk slower than a
# coarser filter that lets a few more posts through to the exact test.
MAX_PLACE_TOKENS = 40
# The FTS5 rowid: seconds from publication to 2088 above 32 bits of (POST_IDS - post id),
# so that the newest come first, and the newer of two posts of the same second.
POST_IDS = 0xFFFFFFFF
POST_OF_ROWID = f"({POST_IDS} - (posts_search.rowid & {POST_IDS}))"

TOKEN = re.compile(r"^[a-z0-9_]+$")
# Word tokens (belong.posts.analysis): letters and digits of any script, or a concept.
WORD_TOKEN = re.compile(r"^(?:[^\W_]+|k_[a-z0-9_]+)$")

Expr = str | tuple[str, tuple]

# Publication days are counted from here (UTC), as in migration 0012.
DAY_ZERO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
ONE_DAY = datetime.timedelta(days=1)


def any_of(items) -> Expr | None:
    """Alternatives; None among them means "anything", so the whole is None."""
    unique: list[Expr] = []
    for item in items:
        if item is None:
            return None
        if item not in unique:
            unique.append(item)
    if not unique:
        raise ValueError("an empty alternative matches nothing")
    return unique[0] if len(unique) == 1 else ("or", tuple(unique))


def all_of(items) -> Expr | None:
    """Conditions that must all hold; None among them is left out."""
    kept: list[Expr] = []
    for item in items:
        if item is not None and item not in kept:
            kept.append(item)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else ("and", tuple(kept))


def cell(level: str, latitude: float, longitude: float) -> str:
    # int() truncates like SQLite's CAST and, for Denmark's positive coordinates, like
    # PostgreSQL's floor().
    height, width = CELLS[level]
    return f"{level}_{int(latitude / height)}_{int(longitude / width)}"


def place(postcode_ids) -> Expr | None:
    """Posts in these postcodes: the postcodes themselves where they are few, else the
    grid cells that hold them (None: so many that the place narrows nothing)."""
    return _place(tuple(sorted(postcode_ids)))


@kept_until_places_change
def _place(ids: tuple[int, ...]) -> Expr | None:
    # A radius of hundreds of postcodes costs a millisecond to sort into cells: once per set.
    if not ids:
        return "p_0"  # no postcode: nothing is near
    if len(ids) <= MAX_PLACE_TOKENS:
        return any_of(f"p_{pk}" for pk in ids)
    points = [point for point in map(postcode_point, ids) if point is not None]
    for level in CELLS:
        cells = sorted({cell(level, latitude, longitude) for latitude, longitude in points})
        if len(cells) <= MAX_PLACE_TOKENS:
            return any_of(cells)
    return None


def publication_day(moment: datetime.datetime) -> int:
    """The day number of a moment, as `search_keys` counts it (0012)."""
    return (moment - DAY_ZERO) // ONE_DAY


def day_start(day: int) -> datetime.datetime:
    """The first moment of a day number."""
    return DAY_ZERO + day * ONE_DAY


def published_days(first: int, last: int) -> Expr | None:
    """Posts published on the days first to last (PostgreSQL's `search_keys` only)."""
    return any_of(f"t_{day}" for day in range(first, last + 1))


def interests(slugs) -> Expr | None:
    if not slugs:
        return None
    return any_of(f"i_{INTEREST_BITS[slug].bit_length() - 1}" for slug in slugs)


def to_fts5(expr: Expr) -> str:
    if isinstance(expr, str):
        _check(expr)
        return f'"{expr}"'
    operator, items = expr
    joined = f" {operator.upper()} ".join(to_fts5(item) for item in items)
    return f"({joined})"


def to_tsquery(expr: Expr) -> str:
    """The expression as PostgreSQL tsquery text: facet tokens are lexemes of their own."""
    if isinstance(expr, str):
        _check(expr)
        return f"'{expr}'"
    operator, items = expr
    joined = (" & " if operator == "and" else " | ").join(to_tsquery(item) for item in items)
    return f"({joined})"


def _word_check(token: str) -> None:
    if not token or not WORD_TOKEN.match(token):
        raise ValueError(f"not a word token: {token!r}")


def words_to_fts5(expr: Expr) -> str:
    if isinstance(expr, str):
        _word_check(expr)
        return f'"{expr}"'
    operator, items = expr
    joined = f" {operator.upper()} ".join(words_to_fts5(item) for item in items)
    return f"({joined})"


def words_to_tsquery(expr: Expr) -> str:
    if isinstance(expr, str):
        _word_check(expr)
        return f"'{expr}'"
    operator, items = expr
    joined = (" & " if operator == "and" else " | ").join(words_to_tsquery(i) for i in items)
    return f"({joined})"


def tsquery_conditions(
    facets: Expr | None, words: list[Expr], *, by_index: bool = True
) -> list[tuple[str, list]]:
    """PostgreSQL: `search_keys @@ ...` conditions, one per query word (its tokens, see
    belong.posts.analysis) and one per facet of an "and". Fixed SQL; the tsquery texts are
    parameters. Without `by_index`, a test of each post for a walk of another index: a
    concept by its bit in `concept_mask`, other words by a test GIN cannot answer (coalesce
    hides the column)."""
    conditions: list[tuple[str, list]] = []
    for word in words:
        concepts = None if by_index else analysis.concepts_only(word)
        if concepts is not None:
            # A concept: its bit, which the covering indexes hold (migration 0009).
            conditions.append(("(posts_post.concept_mask & %s) <> 0", [concepts]))
        elif by_index:
            conditions.append(("posts_post.search_keys @@ %s::tsquery", [words_to_tsquery(word)]))
        else:
            conditions.append(
                ("coalesce(posts_post.search_keys, '') @@ %s::tsquery", [words_to_tsquery(word)])
            )
    if facets is not None:
        parts = facets[1] if isinstance(facets, tuple) and facets[0] == "and" else (facets,)
        conditions.extend(
            ("posts_post.search_keys @@ %s::tsquery", [to_tsquery(part)]) for part in parts
        )
    return conditions


def tsquery_all(words: list[Expr]) -> str:
    """All the query words as one tsquery text (for ranking)."""
    return " & ".join(words_to_tsquery(word) for word in words)


def fts5_match(facets: Expr | None, words: list[Expr]) -> str:
    """The FTS5 MATCH text: each query word's tokens in the words column, facets in theirs."""
    parts = [f"words : {words_to_fts5(word)}" for word in words]
    if facets is not None:
        parts.append(f"facets : {to_fts5(facets)}")
    return " AND ".join(parts)


def _check(token: str) -> None:
    if not TOKEN.match(token):
        raise ValueError(f"not an index token: {token!r}")
