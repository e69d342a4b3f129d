"""Sign-ups under pressure: many citizens sign up for one activity at the same moment,
through `sign_up` (the service the pages and the API use), each on a real database
connection of its own, on SQLite and on PostgreSQL.

    python bench/signups.py [--signups 200] [--capacity 50] [--backend sqlite|postgresql|both]
                            [--connections 40] [--database-url postgres://...]

SQLite uses its own database under var/bench-signups (recreated each run); PostgreSQL uses
DATABASE_URL (default postgres://postgres@127.0.0.1:5432/belong_bench_signups, created if
missing and recreated each run). All sign-ups wait at a barrier and start together. On
PostgreSQL at most --connections run at once (each holds one connection; a server's
max_connections is shared), the others queue for a connection as a web server's would.
Prints `name: value unit` lines per backend.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench-signups"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/belong_bench_signups"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prepare(signups: int, capacity: int):
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from belong.accounts.models import User
    from belong.activities.services import create_activity
    from belong.municipalities.services import grant_role
    from belong.places.models import Licence, Municipality, Postcode, Region

    call_command("migrate", interactive=False, verbosity=0)
    region = Region.objects.create(code=1081, name="Region Nordjylland", name_en="North Denmark")
    aalborg = Municipality.objects.create(code=851, name="Aalborg", region=region)
    Licence.objects.create(municipality=aalborg, starts_on=datetime.date(2020, 1, 1))
    postcode = Postcode.objects.create(
        code="9000", name="Aalborg", municipality=aalborg, latitude=57.048, longitude=9.9187
    )
    unusable = make_password(None)
    birth = datetime.date(1980, 5, 1)
    facilitator = User.objects.create(
        email="facilitator@bench.belong.dk",
        display_name="Mette",
        password=unusable,
        birth_date=birth,
        postcode=postcode,
    )
    grant_role(granted_by=None, user=facilitator, municipality=aalborg, role="facilitator")
    starts = timezone.now() + datetime.timedelta(days=3)
    activity = create_activity(
        organiser=facilitator,
        municipality=aalborg,
        fields={
            "title": "Gåtur ved fjorden",
            "description": "Vi går en time.",
            "interests": [],
            "place": "Vestre Fjordvej",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1),
            "capacity": capacity,
            "age_range": "adult",
        },
    )[0]
    User.objects.bulk_create(
        [
            User(
                email=f"bench{n}@bench.belong.dk",
                display_name=f"Bench {n}",
                password=unusable,
                birth_date=birth,
                postcode=postcode,
            )
            for n in range(signups)
        ]
    )
    people = list(User.objects.filter(email__startswith="bench").select_related("postcode"))
    return activity, people


def child(signups: int, capacity: int, connections: int) -> None:
    """Runs inside a fresh process with the backend's settings in the environment."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    django.setup()
    from django.db import close_old_connections
    from django.db import connections as db_connections

    from belong.activities.models import SignUp
    from belong.activities.services import sign_up

    activity, people = prepare(signups, capacity)
    db_connections.close_all()
    barrier = threading.Barrier(len(people))
    gate = threading.BoundedSemaphore(connections)
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(person):
        barrier.wait()
        start = time.perf_counter()
        try:
            with gate:
                sign_up(user=person, activity=activity)
                db_connections.close_all()
        except Exception as error:  # noqa: BLE001 - every failure is counted and named
            with lock:
                errors.append(repr(error))
        finally:
            with lock:
                timings.append((time.perf_counter() - start) * 1000)
            close_old_connections()

    threads = [threading.Thread(target=one, args=(p,)) for p in people]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    rows = list(SignUp.objects.filter(activity=activity).values_list("status", flat=True))
    confirmed = rows.count("confirmed")
    print(
        json.dumps(
            {
                "signups_confirmed": confirmed,
                "signups_waitlisted": rows.count("waitlisted"),
                "signups_overbooked": max(confirmed - capacity, 0),
                "signups_errors": len(errors),
                "signup_p50_ms": round(percentile(timings, 0.50), 1),
                "signup_p95_ms": round(percentile(timings, 0.95), 1),
                "signups_per_s": round(len(people) / wall, 1),
                "first_error": errors[0] if errors else "",
            }
        )
    )


def _reset_postgres(url: str) -> None:
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    name = config["NAME"]
    admin = dict(
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run(backend: str, args) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    if backend == "sqlite":
        shutil.rmtree(DATA_DIR, ignore_errors=True)
        DATA_DIR.mkdir(parents=True)
        env.pop("DATABASE_URL", None)
        env["BELONG_DATA_DIR"] = str(DATA_DIR)
        connections = args.signups
    else:
        _reset_postgres(args.database_url)
        env["DATABASE_URL"] = args.database_url
        env["CONN_MAX_AGE"] = "0"
        connections = args.connections
    command = [
        sys.executable,
        __file__,
        "--child",
        "--signups",
        str(args.signups),
        "--capacity",
        str(args.capacity),
        "--connections",
        str(connections),
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if out.returncode != 0:
        raise SystemExit(f"{backend} run failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["signup_connections"] = connections
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signups", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.signups, args.capacity, args.connections)
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        result = run(backend, args)
        print(f"backend: {backend}")
        for key in (
            "signups_confirmed",
            "signups_waitlisted",
            "signups_overbooked",
            "signups_errors",
        ):
            print(f"{key}: {result[key]}")
        print(f"signup_p50_ms: {result['signup_p50_ms']} ms")
        print(f"signup_p95_ms: {result['signup_p95_ms']} ms")
        print(f"signups_per_s: {result['signups_per_s']} /s")
        print(f"signup_connections: {result['signup_connections']}")
        if result["first_error"]:
            print(f"first_error: {result['first_error']}")


if __name__ == "__main__":
    main()
