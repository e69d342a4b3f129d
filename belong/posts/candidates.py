"""How the search index finds a search's candidates: SQLite's FTS5 walk, PostgreSQL's GIN
scan or its walk of the covering indexes, and, newest first, PostgreSQL's newest days first.
The index narrows, never judges: the querysets given here already hold the exact rules.
What to ask for (the index expressions, the plan) comes from `search_index` and `plan`."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.fields import BooleanField

from belong.core import clock
from belong.posts import search_index
from belong.posts.models import Post
from belong.posts.plan import first_stage, next_stage

# The publication time as an expression no index provides (see `indexed`).
UNINDEXED_PUBLISHED_AT = RawSQL("posts_post.published_at + interval '0 seconds'", [])


def indexed(
    posts: QuerySet[Post], facets, words: list, *, newest: bool, walk: bool = False
) -> QuerySet[Post]:
    """Narrow `posts` to what the search index finds for these facets and query words (index
    expressions, see `query_words`); with `newest`, in the index's own newest-first order,
    so the walk stops at the page's end. `walk` (PostgreSQL, see `plan.uses_index`): test the
    words on each post of a newest-first walk instead."""
    if connection.vendor == "postgresql":
        if words and walk:
            # Concepts in many posts: walk the newest posts of the place (as a browse does)
            # and test each for their bits in the covering index, which stops at the page's
            # end; through GIN, every one of tens of thousands of candidates would be
            # fetched and sorted.
            posts = posts.filter(
                *_raw(search_index.tsquery_conditions(None, words, by_index=False))
            )
            return posts.order_by("-published_at", "-id") if newest else posts
        if words:
            # Each word must match, and so must each facet. One condition per word and per
            # facet: GIN then steps every posting list forward to the rarest one's next
            # post, skipping the rest of a long list (a crowded place, a common word); one
            # tsquery of alternatives would make it read every list of the union in full.
            posts = posts.filter(*_raw(search_index.tsquery_conditions(facets, words)))
            if newest:
                # GIN has found every candidate: sort them. Ordered by the bare column, the
                # planner sometimes walked the newest-first index instead, testing post
                # after post for the words (235 ms where the sort takes 5).
                return posts.order_by(OrderBy(UNINDEXED_PUBLISHED_AT, descending=True), "-id")
            return posts
        return posts.order_by("-published_at", "-id") if newest else posts
    posts = posts.extra(  # noqa: S610  (fixed fragments; the MATCH text is a parameter)
        tables=["posts_search"],
        where=[
            f"posts_post.id = {search_index.POST_OF_ROWID}",
            "posts_search MATCH %s",
        ],
        params=[search_index.fts5_match(facets, words)],
    )
    return posts.extra(order_by=["posts_search.rowid"]) if newest else posts


def newest_ids(
    posts: QuerySet[Post],
    facets,
    words: list,
    *,
    walk: bool,
    filters: float,
    start: int,
    count: int,
) -> list[int]:
    """The ids of the newest candidates, `start` to `start + count`. On PostgreSQL, for words
    in many posts, the newest days are asked for first (`plan.first_stage`), then as many
    more as what they found says (`plan.next_stage`). Through GIN each stage's exact bounds
    are on the unindexed time, so GIN alone finds its candidates; a walk's are on the time
    itself."""
    stage = None
    if connection.vendor == "postgresql" and words:
        today = search_index.publication_day(clock.now())
        stage = first_stage(words, today=today, filters=filters, needed=start + count)
    if stage is None:
        newest = indexed(posts, facets, words, newest=True, walk=walk)
        return list(newest.values_list("id", flat=True)[start : start + count])
    ids: list[int] = []
    parts = list(facets[1]) if isinstance(facets, tuple) and facets[0] == "and" else [facets]
    needed = start + count
    number = 0
    first: int | None = stage[0]
    last = stage[1]
    while True:
        in_stage, stage_facets = posts, facets
        if walk:
            # A walk's stage bounds are on the time itself, which the place and newest
            # indexes hold; ordered by a time no index gives, the planner walks the index
            # that narrows most (the place's, mostly) over the stage's days and sorts them.
            if number > 0:
                in_stage = in_stage.filter(published_at__lt=search_index.day_start(last + 1))
            if first is not None:
                in_stage = in_stage.filter(published_at__gte=search_index.day_start(first))
            found = in_stage.order_by(OrderBy(UNINDEXED_PUBLISHED_AT, descending=True), "-id")
            found = indexed(found, None, words, newest=False, walk=True)
        else:
            if number > 0:  # the first stage has no end: any post newer than its start
                in_stage = in_stage.filter(_published("<", search_index.day_start(last + 1)))
            if first is not None:
                in_stage = in_stage.filter(_published(">=", search_index.day_start(first)))
                days = search_index.published_days(first, last + (1 if number == 0 else 0))
                stage_facets = search_index.all_of([*parts, days])
            found = indexed(in_stage, stage_facets, words, newest=True)
        ids += found.values_list("id", flat=True)[: needed - len(ids)]
        if len(ids) >= needed or first is None:
            break
        first, last = next_stage(first, today=today, found=len(ids), needed=needed)
        number += 1
    return ids[start:needed]


def _raw(conditions) -> list[RawSQL]:
    """Fixed SQL with its parameters, as conditions for one filter() (each copies the query)."""
    return [
        RawSQL(sql, params, output_field=BooleanField())  # noqa: S611
        for sql, params in conditions
    ]


def _published(operator: str, moment: datetime.datetime) -> RawSQL:
    return RawSQL(  # noqa: S611  (a fixed operator; the moment is a parameter)
        f"{UNINDEXED_PUBLISHED_AT.sql} {operator} %s",
        [moment],
        output_field=BooleanField(),
    )
