"""Belong's databases: SQLite by default, or PostgreSQL (with optional read replicas)
from DATABASE_URL. Read from the environment like the rest of `belong.settings`, which
takes DATABASES from here."""

import os
import tempfile
from pathlib import Path

import environ

env = environ.Env()


def databases(data_dir: Path) -> dict:
    """The DATABASES setting, with a SQLite file in `data_dir` by default."""
    # SQLite by default: WAL so readers never wait for the writer, IMMEDIATE transactions so
    # two writers queue on the busy timeout instead of failing with "database is locked".
    # Reads map the file (up to 4 GB) and each connection keeps 64 MB of pages, instead of
    # SQLite's 2 MB: a search reads posting lists and posts all over the file, which cost a
    # system call per page without (bench/search.py, README).
    default_url = f"sqlite:///{data_dir / 'belong.sqlite3'}"
    found = {"default": env.db_url("DATABASE_URL", default=default_url)}
    if found["default"]["ENGINE"] == "django.db.backends.sqlite3":
        if found["default"]["NAME"] != ":memory:":
            Path(found["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        found["default"].setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA mmap_size=4294967296; PRAGMA cache_size=-65536;"
                ),
            }
        )
        # Tests use a file too, not Django's shared in-memory database: there, two connections
        # (a live server's threads, a worker) lock each other's tables at once instead of
        # waiting on the busy timeout. One file per test run, so runs never share one.
        found["default"].setdefault("TEST", {}).setdefault(
            "NAME", str(Path(tempfile.gettempdir()) / f"belong-test-{os.getpid()}.sqlite3")
        )
    else:
        found["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        found["default"].setdefault("CONN_HEALTH_CHECKS", True)
        # Parallel workers suit reports, not a web request: behind a LIMIT each worker fills
        # its queue before the page's 21 rows are taken, and a search read 40 times the rows
        # it needed (measured in bench/search.py). Operators can allow them again.
        workers = env.int("POSTGRES_PARALLEL_WORKERS_PER_GATHER", default=0)
        found["default"].setdefault("OPTIONS", {}).setdefault(
            "options", f"-c max_parallel_workers_per_gather={workers}"
        )
        # Behind PgBouncer in transaction pooling, consecutive transactions of one connection may
        # reach different server connections: no server-side cursors (they live across
        # transactions) and no prepared statements kept on the server (psycopg prepares none when
        # prepare_threshold is None, Django's default, kept here on purpose).
        if env.bool("DATABASE_TRANSACTION_POOLING", default=False):
            found["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
            found["default"]["OPTIONS"]["prepare_threshold"] = None
        # Optional read replicas (comma-separated URLs): reads go to a replica, except for a
        # person who has just written, whose reads stay on the primary (belong.core.replicas).
        for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[])):
            replica = env.db_url_config(url)
            replica.update(
                {
                    key: found["default"][key]
                    for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "DISABLE_SERVER_SIDE_CURSORS")
                    if key in found["default"]
                }
            )
            replica.setdefault("OPTIONS", {}).update(found["default"]["OPTIONS"])
            # Tests run against the primary's test database: a replica mirrors it.
            replica["TEST"] = {"MIRROR": "default"}
            found[f"replica{number}"] = replica
    return found
