"""Search at national scale: random realistic searches through `search_posts` (the service the
pages use) against the plainest hand-written SQL for the same search, on SQLite and on
PostgreSQL.

    python bench/search.py [--posts 1000000] [--searches 500] [--backend sqlite|postgresql]

A database with fewer posts than asked for is topped up with `belong seed`; one that has
them is reused. Figures are printed as `name: value unit` lines after a `backend:` line.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_DIR = ROOT / "var" / "bench"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/belong_bench"
# What people type: mostly one everyday word, sometimes two; common words more often.
SEARCH_WORDS = [
    "gåtur",
    "kaffe",
    "brætspil",
    "løbe",
    "hund",
    "strikke",
    "kor",
    "yoga",
    "fiske",
    "dansk",
    "frivillige",
    "museum",
    "bage",
    "guitar",
    "skak",
    "badminton",
    "læseklub",
    "haven",
    "film",
    "salsa",
    "svømme",
    "kolonihave",
    "padel",
    "keramik",
    "koncerter",
    "board games",
    "walks",
    "coffee",
    "fitness",
    "rollespil",
    "vinterbade",
    "kajak",
    "foredrag",
    "programmere",
    "camping",
    "meditere",
    "hækle",
    "svampe",
    "tango",
    "bridge",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def random_query(rng: random.Random, *, text: bool):
    from belong.posts.models import INTEREST_BITS, Motive
    from belong.posts.search import SearchQuery

    query = SearchQuery(where="near", radius_km=10)
    if text:
        words = rng.choices(SEARCH_WORDS, [1 / (r + 1) for r in range(len(SEARCH_WORDS))], k=2)
        query.text = words[0] if rng.random() < 0.75 else " ".join(words)
    if rng.random() < 0.4:
        query.motives = rng.sample(list(Motive.values), k=rng.choice((1, 1, 2)))
    if rng.random() < 0.4:
        query.interests = rng.sample(list(INTEREST_BITS), k=rng.choice((1, 1, 2)))
    if rng.random() < 0.2:
        query.gender = rng.choice(("woman", "man"))
    if rng.random() < 0.25:
        low = rng.choice((18, 20, 25, 30, 40, 50, 60))
        query.age_min, query.age_max = low, low + rng.choice((9, 14, 19))
    return query


def raw_search(viewer, query) -> list[tuple]:
    """The same search as `search_posts`, as hand-written SQL for the backend."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from belong.accounts.models import years_before
    from belong.places.nearby import postcodes_within
    from belong.posts import search_index
    from belong.posts.models import REACH_KM_CHOICES, interests_to_mask
    from belong.posts.plan import filter_share, first_stage
    from belong.posts.search import index_facets, index_place, query_words, uses_index

    now = timezone.now()
    postgres = connection.vendor == "postgresql"
    if not postgres:
        now = str(now.astimezone(datetime.UTC).replace(tzinfo=None))
    home = viewer.postcode
    where = ["status = 'published'", "expires_at > %s", "is_youth = %s"]
    params: list = [now, viewer.is_youth]
    # Reach as one CASE, as the service writes it: planners misjudge an OR of reaches.
    near = " ".join(
        f"WHEN {km} THEN postcode_id IN "
        f"({_ints(sorted(postcodes_within(home.latitude, home.longitude, km)))})"
        for km, _label in REACH_KM_CHOICES
    )
    where.append(
        "CASE reach WHEN 'country' THEN 1 = 1 WHEN 'online' THEN 1 = 1"
        f" WHEN 'municipality' THEN municipality_id = {int(home.municipality_id)}"
        f" WHEN 'region' THEN region_id = {int(home.municipality.region_id)}"
        f" WHEN 'near' THEN (CASE reach_km {near} ELSE 1 = 0 END) ELSE 1 = 0 END"
    )
    where.append(
        "author_id NOT IN (SELECT blocked_id FROM safety_block WHERE blocker_id = %s)"
        " AND author_id NOT IN (SELECT blocker_id FROM safety_block WHERE blocked_id = %s)"
    )
    params.extend([viewer.pk, viewer.pk])
    radius = sorted(postcodes_within(home.latitude, home.longitude, query.radius_km))
    # The query's words as the service analyses them (belong.posts.analysis).
    terms = query_words(query)
    facets = index_facets(viewer=viewer, query=query, centre=home, radius_ids=radius)
    # Where PostgreSQL's GIN finds the place, the postcode test is only a test (unary plus).
    by_index = uses_index(query)
    place_in_index = (
        postgres and by_index and index_place(query=query, centre=home, radius_ids=radius)
    )
    where.append(f"{'+' if place_in_index else ''}postcode_id IN ({_ints(radius)})")
    if query.motives:
        where.append("motive IN (" + ", ".join(["%s"] * len(query.motives)) + ")")
        params.extend(query.motives)
    if query.interests:
        where.append("(interest_mask & %s) > 0")
        params.append(interests_to_mask(query.interests))
    if query.gender:
        where.append("author_gender = %s")
        params.append(query.gender)
    today = timezone.localdate()
    if query.age_min is not None:
        where.append("author_birth_date <= %s")
        params.append(years_before(today, query.age_min).isoformat())
    if query.age_max is not None:
        where.append("author_birth_date > %s")
        params.append(years_before(today, query.age_max + 1).isoformat())
    # The candidates come from the same search index the service walks (its expression
    # language is shared); the statement around it is written by hand.
    conditions = " AND ".join(where)  # fixed fragments and integer ids; values are bound
    if postgres:
        if terms:
            # Through GIN, or (words in many posts) tested on each post of a newest walk.
            found = search_index.tsquery_conditions(facets, terms, by_index=by_index)
            for condition, values in found:
                conditions += f" AND {condition}"
                params.extend(values)
        # With words through GIN, every candidate is found and sorted, as in the service;
        # for words in many posts, the newest days first (plan.first_stage).
        newest = "published_at + interval '0 seconds'" if by_index and terms else "published_at"
        sql = (
            f"SELECT id FROM posts_post WHERE {conditions}"  # noqa: S608
            f" ORDER BY {newest} DESC, id DESC LIMIT 21"
        )
        today = search_index.publication_day(timezone.now())
        stage = first_stage(terms, today=today, filters=filter_share(query)) if terms else None
        if stage is not None:
            return _fetch(_staged_ids(conditions, params, stage, today=today, walk=not by_index))
    else:
        params.insert(0, search_index.fts5_match(facets, terms))
        sql = (
            "SELECT posts_post.id FROM posts_search JOIN posts_post"  # noqa: S608
            f" ON posts_post.id = {search_index.POST_OF_ROWID}"
            f" WHERE posts_search MATCH %s AND {conditions}"
            " ORDER BY posts_search.rowid LIMIT 21"
        )
    # The page's ids first (from the indexes alone where they cover the test), then the
    # posts: as the service does, and as anyone would write it by hand for speed.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _fetch([row[0] for row in cursor.fetchall()])


def _staged_ids(conditions: str, params: list, stage, *, today: int, walk: bool) -> list[int]:
    """PostgreSQL: the newest 21, the newest days first, by hand: through GIN, or (a walk)
    bounded on the time itself."""
    from django.db import connection

    from belong.posts import search_index
    from belong.posts.plan import next_stage

    ids: list[int] = []
    published = "published_at + interval '0 seconds'"
    first, last = stage
    number = 0
    while True:
        where, values = conditions, list(params)
        bare = "published_at" if walk else published
        if number > 0:
            where += f" AND {bare} < %s"
            values.append(search_index.day_start(last + 1))
        if first is not None:
            where += f" AND {bare} >= %s"
            values.append(search_index.day_start(first))
            if not walk:
                days = search_index.published_days(first, last + (1 if number == 0 else 0))
                where += " AND search_keys @@ %s::tsquery"
                values.append(search_index.to_tsquery(days))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM posts_post WHERE {where}"  # noqa: S608
                f" ORDER BY {published} DESC, id DESC LIMIT {21 - len(ids)}",
                values,
            )
            ids += [row[0] for row in cursor.fetchall()]
        if len(ids) >= 21 or first is None:
            return ids
        first, last = next_stage(first, today=today, found=len(ids), needed=21)
        number += 1


def _fetch(ids: list[int]) -> list[tuple]:
    from django.db import connection

    if not ids:
        return []
    with connection.cursor() as cursor:
        # What a result card shows, as the service loads it.
        cursor.execute(
            "SELECT p.id, p.title, p.body, p.motive, p.interest_mask, p.latitude, p.longitude,"  # noqa: S608
            " p.published_at, p.is_youth, p.author_id, p.municipality_id, u.display_name,"
            " u.birth_date, m.name FROM posts_post p JOIN accounts_user u ON u.id = p.author_id"
            " LEFT JOIN places_municipality m ON m.id = p.municipality_id"
            f" WHERE p.id IN ({_ints(ids)})"
        )
        return cursor.fetchall()


def _ints(values) -> str:
    return ", ".join(str(int(v)) for v in values) or "NULL"


def run_one(*, posts: int, searches: int, seed: int) -> None:
    """Benchmark the database the environment names (run in its own process, because
    Django reads its database settings once)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from belong.accounts.models import User
    from belong.posts.models import Post
    from belong.posts.search import search_posts

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
        # New indexes on a full table: give the planner their statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    have = Post.objects.count()
    if have < posts:
        print(f"# seeding {posts - have:,} posts into {connection.vendor} ...", flush=True)
        call_command("seed", posts=posts - have, seed=seed)
        have = Post.objects.count()
    rng = random.Random(seed)
    top = User.objects.order_by("-pk").values_list("pk", flat=True).first()
    viewers: list[User] = []
    while len(viewers) < 200:
        picked = rng.sample(range(1, top + 1), 400)
        viewers.extend(
            User.objects.select_related("postcode__municipality__region").filter(
                pk__in=picked, postcode__isnull=False, is_staff=False
            )
        )
    plans = []
    for n in range(searches):
        viewer = rng.choice(viewers)
        plans.append(("text", viewer, random_query(rng, text=True)))
        plans.append(("browse", viewer, random_query(rng, text=False)))
        del n
    # Warm the caches (pages, the postcode sets) as a running site has them warm.
    for _kind, viewer, query in plans[:100]:
        search_posts(viewer=viewer, query=query)
        raw_search(viewer, query)
    timings: dict[str, list[float]] = {}
    # Whichever runs second finds the pages the first one read already in memory, so the
    # service and the plain SQL take turns at going first.
    for number, (kind, viewer, query) in enumerate(plans):
        runs = [
            (kind, lambda v=viewer, q=query: search_posts(viewer=v, query=q)),
            (f"{kind}_raw", lambda v=viewer, q=query: raw_search(v, q)),
        ]
        if number % 4 >= 2:
            runs.reverse()
        for name, run in runs:
            started = time.perf_counter()
            run()
            timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    print(f"backend: {connection.vendor}")
    print(f"posts: {have} posts")
    print(f"searches: {searches} per kind")
    for kind in ("text", "browse"):
        for name in (kind, f"{kind}_raw"):
            values = timings[name]
            print(f"search_{name}_p50_ms: {percentile(values, 0.5):.1f} ms")
            print(f"search_{name}_p95_ms: {percentile(values, 0.95):.1f} ms")
        ratio = percentile(timings[kind], 0.95) / percentile(timings[f"{kind}_raw"], 0.95)
        print(f"search_{kind}_ratio_to_raw: {ratio:.2f} x")
    sys.stdout.flush()


def postgres_answers(url: str) -> bool:
    """Create the benchmark database if PostgreSQL is there; False if it does not answer."""
    from urllib.parse import urlsplit

    try:
        import psycopg
    except ImportError:
        return False
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--searches", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--sqlite-dir", default=str(DEFAULT_SQLITE_DIR))
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(posts=args.posts, searches=args.searches, seed=args.seed)
        return
    sys.path.insert(0, str(ROOT))
    backends = []
    if args.backend in ("sqlite", "both"):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        backends.append({**env, "BELONG_DATA_DIR": args.sqlite_dir})
    if args.backend in ("postgresql", "both"):
        if postgres_answers(args.postgres_url):
            backends.append({**os.environ, "DATABASE_URL": args.postgres_url})
        else:
            print("# PostgreSQL does not answer; skipped", flush=True)
    for env in backends:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        command = [sys.executable, __file__, "--one", f"--posts={args.posts}"]
        command += [f"--searches={args.searches}", f"--seed={args.seed}"]
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603


if __name__ == "__main__":
    main()
