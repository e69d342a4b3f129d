"""How a search is planned: which tokens of the search index it asks for (`index_facets`,
`query_words`) and, on PostgreSQL, whether its words are so common that walking the newest
posts beats the word index (`uses_index`). Only the plan depends on this, never the
results."""

from __future__ import annotations

import math
import time
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection

from belong.posts import analysis, search_index
from belong.posts.models import Reach, SearchWord

if TYPE_CHECKING:
    from belong.accounts.models import User
    from belong.places.models import Postcode
    from belong.posts.queries import SearchQuery

# A query whose rarest word, with the other filters, fits more than this share of all posts
# walks the newest posts instead of GIN (PostgreSQL): one in a hundred of a place's newest
# posts fills a page after some 2,000 rows, while GIN reads the whole posting list of a
# concept that a quarter of all posts carry. Measured at 1,000,000 posts (bench/search.py,
# 300 searches with words): p95 55-59 ms at one in 20, 44-46 ms at one in a hundred; the
# walk lost badly only where fewer than one in 200 posts fit.
COMMON_SHARE = 0.01
# A search with words, newest first, asks for the newest days first, as many as should
# hold twice the page where NEAR_SHARE of all posts are near (a town's radius; Copenhagen's
# holds many more, the countryside's fewer); if the page is not full, for as many days
# before as should hold twice what is missing at the rate found, else for all older posts:
# every post of a later stage is older than every post of an earlier one. Through GIN,
# and for concepts in very many posts the walk too: walking the whole country's newest
# posts for a concept and a few filters in a small place read 130,000 to 220,000 rows,
# 25-70 ms; with the walk staged and each later stage sized by the rate found, the
# service's text p95 at 1,000,000 posts went from 18.2-18.9 ms to 16.4-17.0 (500
# searches, the best of two runs of each).
# Only where the words are in at least STAGED_FROM posts: fewer candidates are fetched and
# sorted at once faster than a second query is planned, and so are those of a first stage
# that would span half a post's lifetime. Measured at 1,000,000 posts (300 searches with
# words through the service, on a machine where bench/search.py's text p95 was 45-57 ms in
# one query): p95 53 ms with NEAR_SHARE 0.25 (the first stage too short, so two stages
# mostly), 39 at 0.1, 34-35 at 0.03, 33 at 0.01 (with a 162 ms outlier: one query).
STAGED_FROM = 2000
NEAR_SHARE = 0.03


def common_words(words: list, *, filters: float = 1.0) -> bool:
    """Whether these query words (index expressions) are all concepts, and posts with all of
    them that pass the other filters (about the share `filters`) are many, by the
    vocabulary's counts. Only the plan depends on it, never the results."""
    if not all(analysis.concepts_only(word) is not None for word in words):
        return False  # only a concept's bit can be tested from the covering indexes
    total = _post_total()
    return total > 0 and _posts_with_all(words, total) * filters > COMMON_SHARE * total


def _posts_with_all(words: list, total: float) -> float:
    """About how many posts have all these words. They are taken as independent: two
    common concepts together ("bage strikke") are in few posts, which GIN finds at once
    and a walk would look long for."""
    share = 1.0
    for word in words:
        share *= min(1.0, _expr_posts(word) / total) if total > 0 else 1.0
    return share * total


def first_stage(
    words: list, *, today: int, filters: float = 1.0, needed: int = 21
) -> tuple[int, int] | None:
    """The newest days (first, today) a newest-first search with these words (index
    expressions) asks for first; what they find says how many more to ask for next
    (`next_stage`). None: one query for all. Only the plan depends on it, never the
    results."""
    if not words:
        return None
    found = _posts_with_all(words, _post_total())
    if found < STAGED_FROM:
        return None
    lifetime = settings.BELONG_POST_LIFETIME_DAYS
    per_day = found * filters * NEAR_SHARE / lifetime
    days = math.ceil(2 * needed / per_day) if per_day > 0 else lifetime
    if days > lifetime / 2:
        return None
    return (today - days + 1, today)


def next_stage(first: int, *, today: int, found: int, needed: int) -> tuple[int | None, int]:
    """The days to ask for after the stages from `first` to `today` found `found` of the
    `needed` posts: as many more as should hold twice what is missing at the rate found so
    far (the filters' and the place's own, which no estimate knows); all the days before
    where nothing was found or those would be half a post's lifetime."""
    if found == 0:
        return (None, first - 1)
    days = math.ceil(2 * (needed - found) * (today - first + 1) / found)
    if days > settings.BELONG_POST_LIFETIME_DAYS / 2:
        return (None, first - 1)
    return (first - days, first - 1)


def filter_share(query: SearchQuery) -> float:
    """A rough share of posts that pass the filters besides words and place."""
    share = 1.0
    if query.motives:
        share *= min(1.0, 0.2 * len(query.motives))
    if query.interests:
        share *= min(1.0, 0.15 * len(query.interests))
    if query.gender:
        share *= 0.5
    if query.age_min is not None or query.age_max is not None:
        share *= 0.3
    return share


def _expr_posts(expr) -> int:
    if isinstance(expr, str):
        return _token_posts(expr)
    operator, items = expr
    counts = [_expr_posts(item) for item in items]
    return min(counts) if operator == "and" else sum(counts)


@lru_cache(maxsize=8192)
def _token_posts(token: str) -> int:
    # Cached for the process: counts move slowly, and only the plan depends on them.
    return SearchWord.objects.filter(word=token).values_list("posts", flat=True).first() or 0


_TOTAL: dict[str, float] = {}


def _post_total() -> float:
    """About how many posts there are (PostgreSQL's own estimate, looked up once a minute)."""
    now = time.monotonic()
    if now - _TOTAL.get("at", -3600.0) > 60:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'posts_post'")
            row = cursor.fetchone()
        _TOTAL.update(at=now, posts=max(float(row[0]) if row else 0.0, 0.0))
    return _TOTAL["posts"]


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
    # Only the place is asked for as alternatives: without it a search would walk the whole
    # country. Both indexes step every posting list of an alternative (FTS5 each list to
    # every candidate, GIN each list in full), so two motives, two interests or the birth
    # years of an age range cost more than the posts they keep out, which the exact test
    # then turns away one by one. Measured at 1,000,000 posts on SQLite (bench/search.py's
    # 500 text searches, the service): p95 17.3 ms asking for the birth years, 12.0
    # without, 11.0 without two interests either, 10.1 without two motives either; on
    # PostgreSQL, two motives left to the exact test took the text p95 from 23.8 to 20.7.
    if len(query.motives) == 1:
        parts.append(f"m_{query.motives[0]}")
    if len(query.interests) == 1:
        parts.append(search_index.interests(query.interests))
    if query.gender:
        parts.append(f"g_{query.gender}")
    expression = search_index.all_of(parts)
    if expression is None and connection.vendor != "postgresql":
        return "y_0"  # FTS5 needs something to match: the whole adult space
    return expression
