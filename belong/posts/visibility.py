"""What a viewer may see of the posts: the canonical `visible_posts` (status, expiry,
reach, the youth space, blocks) and the listing's fields. Search, pages, the API and
e-mails build on it; search only narrows it down."""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField

from belong.accounts.models import User
from belong.core import clock
from belong.organisations.models import Organisation
from belong.places.models import Postcode
from belong.places.nearby import postcodes_within
from belong.posts.listed import load_listed
from belong.posts.models import REACH_KM_CHOICES, Post, Reach, Status
from belong.safety.models import Block


def visible_posts(viewer: User, *narrower) -> QuerySet[Post]:
    """Every post `viewer` may see: published, not expired, within its reach of the viewer's
    home, in the viewer's own space (citizens under 18 and adults never meet here), and not
    by someone on either side of a block. `narrower`: conditions of a search, in the same
    filter() (each filter() copies the query)."""
    home = viewer.postcode if viewer.postcode_id else None
    return Post.objects.filter(
        Q(status=Status.PUBLISHED, is_youth=viewer.is_youth),
        _not_expired(clock.now()),
        _within_reach(home),
        # Nobody sees the posts of someone they blocked or who blocked them.
        _not_blocked(viewer.pk),
        *narrower,
    )


def _not_blocked(viewer_id: int) -> RawSQL:
    """Not by someone `viewer_id` blocked, nor by someone who blocked them: the SQL Django
    writes for two excluded subqueries, written once, as building those cost more than
    half a millisecond on every search (bench/search.py)."""
    return RawSQL(_not_blocked_sql(), [viewer_id, viewer_id], output_field=BooleanField())  # noqa: S611


@lru_cache(maxsize=1)
def _not_blocked_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(Block._meta.db_table)
    blocker = quote(Block._meta.get_field("blocker").column)
    blocked = quote(Block._meta.get_field("blocked").column)
    # Names from the model, quoted; the ids are parameters.
    made = f"SELECT {blocked} FROM {table} WHERE {blocker} = %s"  # noqa: S608
    received = f"SELECT {blocker} FROM {table} WHERE {blocked} = %s"  # noqa: S608
    return f"NOT (posts_post.author_id IN ({made})) AND NOT (posts_post.author_id IN ({received}))"


def _within_reach(home: Postcode | None) -> RawSQL:
    """The post's reach includes someone living at `home`. One CASE, because planners
    misjudge an OR of reaches badly: PostgreSQL took "near within 10 km or municipality or
    ..." for 1 in 100 posts (nine in ten pass) and read whole radii instead of the newest
    posts. Of a CASE it assumes one in two. Only integers and fixed words enter the SQL."""
    key: tuple[int, float, float, int, int] | None = None
    if home is not None:
        key = (
            home.pk,
            home.latitude,
            home.longitude,
            home.municipality_id,
            home.municipality.region_id,
        )
    return RawSQL(_within_reach_sql(key), [], output_field=BooleanField())  # noqa: S611


@lru_cache(maxsize=4096)
def _within_reach_sql(home: tuple | None) -> str:
    everyone = f"posts_post.reach IN ('{Reach.COUNTRY}', '{Reach.ONLINE}')"
    if home is None:
        return everyone
    _pk, latitude, longitude, municipality_id, region_id = home
    near = " ".join(
        f"WHEN {int(km)} THEN {_in_postcodes_sql(postcodes_within(latitude, longitude, km))}"
        for km, _label in REACH_KM_CHOICES
    )
    return (
        f"CASE posts_post.reach WHEN '{Reach.COUNTRY}' THEN 1 = 1 WHEN '{Reach.ONLINE}' THEN 1 = 1"
        f" WHEN '{Reach.MUNICIPALITY}' THEN posts_post.municipality_id = {int(municipality_id)}"
        f" WHEN '{Reach.REGION}' THEN posts_post.region_id = {int(region_id)}"
        f" WHEN '{Reach.NEAR}' THEN (CASE posts_post.reach_km {near} ELSE 1 = 0 END)"
        " ELSE 1 = 0 END"
    )


def in_postcodes(postcode_ids, *, by_index: bool = True) -> RawSQL:
    """`postcode_id IN (...)` with the ids written into the SQL. A radius in Copenhagen
    holds 500 postcodes and the reach rule four times as many; binding each as a parameter
    cost more than the search itself (measured in bench/search.py). Without `by_index`,
    a unary plus keeps the postcode index out of the plan: the search index has found the
    place already, and ANDing in the postcode index's 150,000 Copenhagen rows only costs."""
    sql = _in_postcodes_sql(frozenset(postcode_ids))  # integers only
    if not by_index:
        sql = "+" + sql
    return RawSQL(sql, [], output_field=BooleanField())  # noqa: S611


@lru_cache(maxsize=4096)
def _in_postcodes_sql(postcode_ids: frozenset[int]) -> str:
    ids = ", ".join(str(int(pk)) for pk in sorted(postcode_ids))
    return f"posts_post.postcode_id IN ({ids or 'NULL'})"


def _not_expired(now: datetime.datetime) -> Q | RawSQL:
    # Nearly every published post is unexpired, but SQLite cannot know that of a bound
    # timestamp and would walk the expiry index instead of the newest-first one; the unary
    # plus keeps that index out of search (the expiry task still uses it).
    if connection.vendor != "sqlite":
        return Q(expires_at__gt=now)
    return RawSQL(
        "+posts_post.expires_at > %s",
        [connection.ops.adapt_datetimefield_value(now)],
        output_field=BooleanField(),
    )


def listing(ids) -> dict[int, Post]:
    """The posts of `ids` with what a result card shows, and no more: loading whole authors
    cost as much as the search. A post written as an organisation shows its name, badge
    and logo: those few posts get their organisations in one more query (none without
    them), as three more joins on every search cost one to two milliseconds, and Django's
    prefetching one more even when no post has one (bench/search.py)."""
    posts = load_listed(ids)
    wanted = {post.organisation_id for post in posts.values() if post.organisation_id}
    if wanted:
        organisations = (
            Organisation.objects.select_related("verified_by_municipality")
            .only("name", "verified_at", "logo", "logo_hidden_at", "verified_by_municipality__name")
            .in_bulk(wanted)
        )
        for post in posts.values():
            if post.organisation_id in organisations:
                post.organisation = organisations[post.organisation_id]
    return posts
