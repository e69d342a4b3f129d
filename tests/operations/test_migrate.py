"""`belong migrate` under a lock: servers deploying at once wait for each other."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from belong.operations.management.commands.migrate import ADVISORY_LOCK_KEY

ROOT = Path(__file__).resolve().parents[2]


def migrate_at_once(
    database_url: str, tmp_path, count: int = 3
) -> list[subprocess.CompletedProcess]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=database_url, BELONG_DATA_DIR=str(tmp_path))
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "belong", "migrate", "--no-input"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(count)
    ]
    return [(p.communicate(timeout=300)[0], p.returncode) for p in processes]


def test_servers_migrating_an_empty_sqlite_database_at_once_all_succeed(tmp_path):
    results = migrate_at_once(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path)
    for output, code in results:
        assert code == 0, output
    assert sum("Applying accounts.0001_initial" in output for output, _ in results) == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL's advisory lock needs DATABASE_URL pointing at PostgreSQL",
)
def test_servers_migrating_an_empty_postgresql_database_at_once_all_succeed(tmp_path, db):
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    base = f"postgresql://{settings['USER']}@{host}:{port}"
    name = f"{settings['NAME']}_migrate_race"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        results = migrate_at_once(f"{base}/{name}", tmp_path)
        for output, code in results:
            assert code == 0, output
        assert sum("Applying accounts.0001_initial" in output for output, _ in results) == 1
        with psycopg.connect(f"{base}/{name}") as check:
            held = check.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
                [ADVISORY_LOCK_KEY & 0xFFFFFFFF],
            ).fetchone()[0]
        assert held == 0  # released when done
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
