"""National-scale test data: citizens spread over Denmark like its people, and their posts,
written straight into the database in bulk (a million posts in minutes, not hours).

The ORM and `save_post` would take hours for a million rows, so this module writes rows
itself. It copies the author's place and facts onto each post exactly as
`belong.posts.services._place_from_author` does; `tests/posts/test_seeding.py` holds the two
paths to the same result.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from belong.accounts.interests import INTEREST_BITS, interests_to_mask
from belong.accounts.models import User, age_on
from belong.core import clock
from belong.demo import people as names
from belong.demo.posts import (
    LIFETIME,
    PUBLISHED_WITHIN_DAYS,
    pick_reach,
    wish_ages,
    write_post,
)
from belong.demo.seed import GENDER_WEIGHTS, birth_date_for, sample_age
from belong.places.models import Municipality, Postcode
from belong.posts.analysis import concept_mask
from belong.posts.indexing import analyse_post, count_words, write_vocabulary

SEED_DOMAIN = "seed.belong.dk"
CHUNK = 20_000
# The share of posts that are older than their lifetime and so expired; the rest are
# published within the last 80 days, a few of them paused or still drafts.
INTEREST_SLUGS = list(INTEREST_BITS)
EXPIRED_SHARE = 0.05
PAUSED_SHARE = 0.04
DRAFT_SHARE = 0.05

USER_COLUMNS = (
    "password",
    "is_superuser",
    "is_staff",
    "is_active",
    "date_joined",
    "email",
    "display_name",
    "birth_date",
    "gender",
    "about",
    "postcode_id",
    "interest_mask",
    "age_verified_by",
)
POST_COLUMNS = (
    "title",
    "body",
    "motive",
    "interest_mask",
    "wish_age_min",
    "wish_age_max",
    "wish_gender",
    "reach",
    "reach_km",
    "status",
    "created_at",
    "updated_at",
    "published_at",
    "expires_at",
    "latitude",
    "longitude",
    "author_birth_date",
    "author_gender",
    "is_youth",
    "author_id",
    "municipality_id",
    "postcode_id",
    "region_id",
    "search_words",
    "concept_mask",
    # Seeded posts have no photo.
    "photo",
    "photo_alt",
    "photo_from_minor",
    "photo_removed_reason",
)


@dataclass(frozen=True)
class Author:
    pk: int
    display_name: str
    gender: str
    birth_date: datetime.date
    postcode: Postcode


class Places:
    """Postcodes to draw homes from: a municipality by its population, then one of its
    postcodes, so Copenhagen is busy and Læsø is quiet."""

    def __init__(self):
        postcodes = list(Postcode.objects.select_related("municipality"))
        if not postcodes:
            raise RuntimeError("Load the places first: belong load_places")
        by_municipality: dict[int, list[Postcode]] = {}
        for postcode in postcodes:
            by_municipality.setdefault(postcode.municipality_id, []).append(postcode)
        self.municipalities = [
            m for m in Municipality.objects.order_by("code") if m.pk in by_municipality
        ]
        self.weights = [max(m.population, 1) for m in self.municipalities]
        self.by_municipality = by_municipality

    def pick(self, rng: random.Random) -> Postcode:
        municipality = rng.choices(self.municipalities, self.weights)[0]
        return rng.choice(self.by_municipality[municipality.pk])


def _vendor_value(value):
    """Values as the backend stores them: SQLite keeps UTC datetimes as text."""
    if connection.vendor == "sqlite" and isinstance(value, datetime.datetime):
        return str(value.astimezone(datetime.UTC).replace(tzinfo=None))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def create_authors(*, rng: random.Random, count: int, places: Places) -> list[Author]:
    """Citizens like the real platform's: two thirds women, mean age about 36, 13 to 80."""
    today = clock.today()
    now = clock.now()
    unusable = make_password(None)
    first = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rows, pending = [], []
    genders = [g for g, _w in GENDER_WEIGHTS]
    gender_weights = [w for _g, w in GENDER_WEIGHTS]
    for n in range(count):
        gender = rng.choices(genders, gender_weights)[0]
        pool = {"woman": names.WOMEN, "man": names.MEN}.get(gender, names.NEUTRAL)
        display_name = rng.choice(pool)
        birth_date = birth_date_for(sample_age(rng), rng, today)
        postcode = places.pick(rng)
        email = f"citizen{first + n}-{rng.getrandbits(32):08x}@{SEED_DOMAIN}"
        joined = now - datetime.timedelta(days=rng.randrange(0, 700))
        rows.append(
            (
                unusable,
                False,
                False,
                True,
                _vendor_value(joined),
                email,
                display_name,
                _vendor_value(birth_date),
                gender,
                "",
                postcode.pk,
                interests_to_mask(rng.sample(INTEREST_SLUGS, k=rng.randint(1, 4))),
                "",
            )
        )
        pending.append((email, display_name, gender, birth_date, postcode))
    _write_rows("accounts_user", USER_COLUMNS, rows)
    pks = dict(
        User.objects.filter(email__in=[p[0] for p in pending]).values_list("email", "pk")
        if count <= 5000
        else User.objects.filter(email__endswith=f"@{SEED_DOMAIN}", pk__gte=first).values_list(
            "email", "pk"
        )
    )
    return [Author(pks[email], name, g, b, p) for email, name, g, b, p in pending]


def post_rows(
    *,
    rng: random.Random,
    authors: list[Author],
    count: int,
    now: datetime.datetime,
    vocabulary: tuple[Counter, dict] | None = None,
) -> Iterator[tuple]:
    """Rows for `count` posts, oldest first, so ids grow with publication time as they do
    when citizens write posts over the weeks."""
    today = clock.today()
    span = PUBLISHED_WITHIN_DAYS * 86400
    moments = sorted(
        -rng.uniform(91 * 86400, 170 * 86400)
        if rng.random() < EXPIRED_SHARE
        else -rng.random() * span
        for _ in range(count)
    )
    ages: dict[int, int] = {}
    for offset in moments:
        author = rng.choice(authors)
        age = ages.get(author.pk)
        if age is None:
            age = ages[author.pk] = age_on(author.birth_date, today)
        moment = now + datetime.timedelta(seconds=offset)
        if offset < -90 * 86400:
            status = "expired"
        else:
            draw = rng.random()
            status = (
                "draft"
                if draw < DRAFT_SHARE
                else "paused"
                if draw < DRAFT_SHARE + PAUSED_SHARE
                else "published"
            )
        published = None if status == "draft" else moment
        expires = None if published is None else published + LIFETIME
        text = write_post(
            rng, age=age, town=author.postcode.name, name=author.display_name, gender=author.gender
        )
        reach, reach_km = pick_reach(rng)
        wish_min, wish_max = wish_ages(rng, age)
        interest_mask = interests_to_mask(text.interests)
        search_words, written = analyse_post(
            title=text.title, body=text.body, motive=text.motive, interest_mask=interest_mask
        )
        if vocabulary is not None:
            count_words(*vocabulary, written)
        postcode = author.postcode
        birth = _vendor_value(author.birth_date)
        yield (
            text.title,
            text.body,
            text.motive,
            interest_mask,
            wish_min,
            wish_max,
            rng.choices(("any", "woman", "man"), (0.8, 0.15, 0.05))[0],
            reach,
            reach_km,
            status,
            _vendor_value(moment),
            _vendor_value(moment),
            _vendor_value(published),
            _vendor_value(expires),
            postcode.latitude,
            postcode.longitude,
            birth,
            author.gender,
            age < 18,
            author.pk,
            postcode.municipality_id,
            postcode.pk,
            postcode.municipality.region_id,
            search_words,
            concept_mask(search_words),
            "",
            "",
            False,
            "",
        )


def _write_rows(table: str, columns: tuple[str, ...], rows) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor.cursor, table, columns, rows)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                rows,
            )


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    """COPY in PostgreSQL's text format, built here: faster than a row at a time."""

    def field(value) -> str:
        if value is None:
            return "\\N"
        if isinstance(value, str):
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        if isinstance(value, bool):
            return "t" if value else "f"
        return str(value)

    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for n, row in enumerate(rows, 1):
            buffer.write("\t".join(map(field, row)))
            buffer.write("\n")
            if n % 5000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


# --- Bulk load around indexes and triggers ---------------------------------------------


def _secondary_objects(cursor) -> list[tuple[str, str, str]]:
    """(kind, name, definition) of the posts table's indexes and triggers, so they can be
    dropped for the load and recreated exactly as the migrations made them."""
    if connection.vendor == "postgresql":
        cursor.execute(
            """SELECT 'index', i.indexname, i.indexdef FROM pg_indexes i
               WHERE i.tablename = 'posts_post' AND i.indexname NOT IN (
                   SELECT conname FROM pg_constraint WHERE conrelid = 'posts_post'::regclass)"""
        )
    else:
        cursor.execute(
            """SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'posts_post'
               AND type IN ('index', 'trigger') AND sql IS NOT NULL"""
        )
    return list(cursor.fetchall())


def load_posts(
    *,
    rng: random.Random,
    authors: list[Author],
    count: int,
    report: Callable[[str], None] = print,
) -> None:
    """Write `count` posts in big transactions with the indexes and full-text triggers off,
    then build them once: far faster than keeping them current row by row."""
    now = clock.now()
    started = time.monotonic()
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        objects = _secondary_objects(cursor)
        superuser = False
        if postgres:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            superuser = cursor.fetchone()[0]
        if not postgres and not connection.in_atomic_block:
            # The load can be redone from scratch if the machine dies, so trade durability
            # for speed while it runs; a big page cache keeps the index builds in memory.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
        for kind, name, _sql in objects:
            cursor.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    vocabulary: tuple[Counter, dict] = (Counter(), {})
    rows = post_rows(rng=rng, authors=authors, count=count, now=now, vocabulary=vocabulary)
    written = 0
    while written < count:
        chunk = [row for _n, row in zip(range(CHUNK * 5), rows, strict=False)]
        with transaction.atomic():
            if superuser:
                with connection.cursor() as cursor:
                    # Every author and place exists (we just read them); skip the per-row
                    # foreign-key triggers.
                    cursor.execute("SET LOCAL session_replication_role = replica")
            _write_rows("posts_post", POST_COLUMNS, chunk)
        written += len(chunk)
        elapsed = time.monotonic() - started
        report(f"  {written:,} posts written ({elapsed:.0f} s)")
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET maintenance_work_mem = '1GB'")
        else:
            # The search index's triggers were off: build it anew from its view.
            report("  rebuilding the search index ...")
            cursor.execute("INSERT INTO posts_search(posts_search) VALUES('delete-all')")
            # In rowid order: FTS5 flushes its pending terms whenever a rowid comes lower
            # than the last, so an unordered rebuild writes a segment for nearly every post.
            cursor.execute(
                "INSERT INTO posts_search(rowid, words, facets)"
                " SELECT key, words, facets FROM posts_post_search_source ORDER BY key"
            )
        for kind, name, sql in objects:
            report(f"  creating {kind} {name} ({time.monotonic() - started:.0f} s)")
            cursor.execute(sql)
        report(f"  adding to the search vocabulary ({time.monotonic() - started:.0f} s)")
        write_vocabulary(*vocabulary, replace=False)
        report(f"  analysing ({time.monotonic() - started:.0f} s)")
        if postgres and not connection.in_atomic_block:
            # Also marks the new pages all-visible, so that searches can answer from the
            # covering indexes alone, as they can once autovacuum has passed.
            cursor.execute("VACUUM (ANALYZE) posts_post")
        cursor.execute("ANALYZE")
        if not postgres and not connection.in_atomic_block:
            cursor.execute("PRAGMA synchronous=NORMAL")
