"""Relational match: does the reciprocal score find pairs who would both say yes?

    python bench/matching.py [--people 50000] [--viewers 500] [--db sqlite|postgresql|none]
                             [--posts 1000000]

A synthetic population with hidden true traits, drawn independently of the score's
weights: true interests (the profile shows only some), a true wished age range (the stated
one is wider or narrower), a true gender wish (stated wrongly now and then), a true maximum
distance (the post states a reach near it) and a true life situation (declared with
probability 0.6). A says yes to B when B fits A's true wishes (age, gender, distance) and
they share a true interest or the same life situation; 10% of answers are random. A pair
succeeds when both say yes. Each viewer's candidates are the posts whose stated reach
includes them (as visible_posts), the newest CANDIDATES of them, ranked three ways: the
reciprocal score, the same score with only the viewer's side, and newest first.

With --db, the daily computing of a viewer's stored candidates (`compute_suggestions`) and
the read the page and the API make (`suggestions_for`, from the stored candidates under the
live rules) are timed for random viewers of a database of --posts posts (topped up with
`belong seed`, shared with bench/search.py).
Figures are printed as `name: value unit` lines.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belong.matching.scoring import (  # noqa: E402
    CANDIDATES,
    Person,
    haversine_km,
    score,
    signals,
)

DEFAULT_SQLITE_DIR = ROOT / "var" / "bench"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/belong_bench"
INTERESTS = 30
SITUATIONS = 10
REACHES = [5, 10, 25, 50]
NOISE = 0.10
# Towns people live around (latitude, longitude), with a spread of about 15 km.
TOWNS = [
    (55.676, 12.568),
    (56.162, 10.203),
    (55.403, 10.402),
    (57.048, 9.919),
    (55.470, 8.452),
    (55.491, 9.472),
    (55.709, 9.536),
    (56.460, 10.036),
    (55.861, 9.850),
    (56.138, 8.974),
    (55.641, 12.087),
    (56.038, 12.611),
    (55.232, 11.767),
    (56.568, 9.027),
    (57.441, 10.537),
]


@dataclass
class Synthetic:
    pk: int
    lat: float
    lon: float
    age: int
    gender: str
    true_interests: int
    true_age: tuple[int, int]
    true_gender: str
    true_km: float
    true_situation: int
    age_days: float
    shown: Person  # what the profile and post say


def _bits(rng: random.Random, count: int) -> int:
    mask = 0
    for bit in rng.sample(range(INTERESTS), count):
        mask |= 1 << bit
    return mask


def person(rng: random.Random, pk: int) -> Synthetic:
    town = rng.choice(TOWNS)
    lat = town[0] + rng.gauss(0, 0.13)
    lon = town[1] + rng.gauss(0, 0.22)
    age = rng.randint(18, 80)
    gender = rng.choice(["woman", "man"])
    true_interests = _bits(rng, rng.randint(2, 5))
    shown_interests = 0
    for bit in range(INTERESTS):
        if true_interests >> bit & 1 and rng.random() < 0.6:
            shown_interests |= 1 << bit
    low = max(18, age - rng.randint(2, 15))
    high = min(90, age + rng.randint(2, 15))
    stated_low = max(18, low + rng.randint(-5, 5))
    stated_high = max(stated_low, high + rng.randint(-5, 5))
    true_gender = "any" if rng.random() < 0.6 else rng.choice(["woman", "man"])
    stated_gender = true_gender if rng.random() < 0.9 else "any"
    true_km = rng.choice(REACHES)
    stated_km = min(REACHES, key=lambda km: abs(km - true_km * rng.uniform(0.5, 2.0)))
    true_situation = rng.randrange(SITUATIONS) + 1 if rng.random() < 0.5 else 0
    declared = true_situation if rng.random() < 0.6 else 0
    situation_mask = 1 << (declared - 1) if declared else 0
    shown = Person(
        age=age,
        gender=gender,
        latitude=lat,
        longitude=lon,
        interest_mask=shown_interests,
        situation_mask=situation_mask,
        motive="friend",
        wish_age_min=stated_low,
        wish_age_max=stated_high,
        wish_gender=stated_gender,
        max_km=float(stated_km),
    )
    return Synthetic(
        pk=pk,
        lat=lat,
        lon=lon,
        age=age,
        gender=gender,
        true_interests=true_interests,
        true_age=(low, high),
        true_gender=true_gender,
        true_km=float(true_km),
        true_situation=true_situation,
        age_days=rng.uniform(0, 60),
        shown=shown,
    )


def fits(a: Synthetic, b: Synthetic, km: float) -> bool:
    """Whether B fits A's true wishes: what A would answer without the random answers."""
    return (
        a.true_age[0] <= b.age <= a.true_age[1]
        and a.true_gender in ("any", b.gender)
        and km <= a.true_km
        and (
            bool(a.true_interests & b.true_interests)
            or (a.true_situation != 0 and a.true_situation == b.true_situation)
        )
    )


def says_yes(a: Synthetic, b: Synthetic, km: float, seed: int) -> bool:
    """A's true answer to B, with the same 10% of random answers whichever ranking asks."""
    digest = hashlib.blake2b(f"{seed}:{a.pk}:{b.pk}".encode(), digest_size=8).digest()
    draw = int.from_bytes(digest, "big") / 2**64
    if draw < NOISE:
        return draw < NOISE / 2
    return fits(a, b, km)


def measure_success(*, people: int, viewers: int, seed: int) -> None:
    rng = random.Random(seed)
    population = [person(rng, pk) for pk in range(people)]
    cells: dict[tuple[int, int], list[Synthetic]] = defaultdict(list)
    for someone in population:
        cells[(int(someone.lat * 2), int(someone.lon))].append(someone)
    totals = dict.fromkeys(
        ("reciprocal", "one_sided", "newest", "ceiling_reciprocal", "ceiling_one_sided"), 0
    )
    slots = 0
    scoring_ms = []
    for viewer in rng.sample(population, viewers):
        # Candidates: posts whose stated reach includes the viewer (as visible_posts).
        nearby = []
        cy, cx = int(viewer.lat * 2), int(viewer.lon)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for other in cells.get((cy + dy, cx + dx), ()):
                    if other.pk == viewer.pk:
                        continue
                    km = haversine_km(viewer.lat, viewer.lon, other.lat, other.lon)
                    if km <= other.shown.max_km:
                        nearby.append((other, km))
        nearby.sort(key=lambda item: item[0].age_days)
        nearby = nearby[:CANDIDATES]
        if len(nearby) < 10:
            continue
        started = time.perf_counter()
        scored = []
        for other, km in nearby:
            values = signals(viewer.shown, other.shown, km=km, age_days=other.age_days)
            scored.append((score(values), score(values, one_sided=True), other, km))
        scoring_ms.append((time.perf_counter() - started) * 1000)
        rankings = {
            "reciprocal": sorted(scored, key=lambda item: -item[0])[:10],
            "one_sided": sorted(scored, key=lambda item: -item[1])[:10],
            "newest": scored[:10],
            # The ceilings: rankings that see the hidden truth (no score could know more).
            # Both sides' true fit first, or only the viewer's, each then by its score.
            "ceiling_reciprocal": sorted(
                scored,
                key=lambda item: (
                    -(fits(viewer, item[2], item[3]) + fits(item[2], viewer, item[3])),
                    -item[0],
                ),
            )[:10],
            "ceiling_one_sided": sorted(
                scored, key=lambda item: (-fits(viewer, item[2], item[3]), -item[1])
            )[:10],
        }
        for name, top in rankings.items():
            totals[name] += sum(
                says_yes(viewer, other, km, seed) and says_yes(other, viewer, km, seed)
                for _s, _o, other, km in top
            )
        slots += 10
    print(f"people: {people} count")
    print(f"viewers: {slots // 10} count")
    for name, value in totals.items():
        print(f"{name}_success_at_10: {value / slots:.3f} share")
    ratio = totals["reciprocal"] / max(1, totals["one_sided"])
    print(f"reciprocal_over_one_sided: {ratio:.2f} x")
    # What looking at both sides is worth in this population: the same ratio between the
    # rankings that know the hidden truth. (A score can approach each ceiling's share, never
    # pass it; the ratio of two imperfect scores is not bounded by this one.)
    ceiling = totals["ceiling_reciprocal"] / max(1, totals["ceiling_one_sided"])
    print(f"ceiling_reciprocal_over_one_sided: {ceiling:.2f} x")
    print(f"scoring_p95_ms: {percentile(scoring_ms, 0.95):.2f} ms")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def time_service(*, posts: int, viewers: int, seed: int) -> None:
    """Time `suggestions_for` on the database the environment names (its own process)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from belong.accounts.models import User
    from belong.matching.services import compute_suggestions, suggestions_for
    from belong.posts.models import Post

    call_command("migrate", interactive=False, verbosity=0)
    have = Post.objects.count()
    if have < posts:
        print(f"# seeding {posts - have:,} posts into {connection.vendor} ...", flush=True)
        call_command("seed", posts=posts - have, seed=seed)
    rng = random.Random(seed)
    top = User.objects.order_by("-pk").values_list("pk", flat=True).first()
    picked = list(
        User.objects.select_related("postcode__municipality__region").filter(
            pk__in=rng.sample(range(1, top + 1), min(top, viewers * 3)),
            postcode__isnull=False,
            is_staff=False,
        )[:viewers]
    )
    # The daily task stores each viewer's candidates; the page reads them.
    computing = []
    for viewer in picked:
        started = time.perf_counter()
        compute_suggestions(viewer)
        computing.append((time.perf_counter() - started) * 1000)
    timings = []
    for viewer in picked:
        started = time.perf_counter()
        suggestions_for(viewer)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"backend: {connection.vendor}")
    print(f"posts: {Post.objects.count()} count")
    print(f"viewers_timed: {len(picked)} count")
    print(f"compute_suggestions_p95_ms: {percentile(computing, 0.95):.1f} ms")
    print(f"suggestions_p50_ms: {percentile(timings, 0.5):.1f} ms")
    print(f"suggestions_p95_ms: {percentile(timings, 0.95):.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--viewers", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both", "none"), default="none")
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--sqlite-dir", default=str(DEFAULT_SQLITE_DIR))
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        time_service(posts=args.posts, viewers=args.viewers, seed=args.seed)
        return
    measure_success(people=args.people, viewers=args.viewers, seed=args.seed)
    backends = []
    if args.db in ("sqlite", "both"):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        backends.append({**env, "BELONG_DATA_DIR": args.sqlite_dir})
    if args.db in ("postgresql", "both"):
        backends.append({**os.environ, "DATABASE_URL": args.postgres_url})
    for env in backends:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        command = [sys.executable, __file__, "--one", f"--posts={args.posts}"]
        command += [f"--viewers={min(args.viewers, 200)}", f"--seed={args.seed}"]
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603


if __name__ == "__main__":
    main()
