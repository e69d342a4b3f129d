"""Backups and restores of the whole database: pg_dump/pg_restore on PostgreSQL, SQLite's
online backup API on the embedded database.

After a restore, each step registered with `@after_restore("name")` runs, in order of
registration: the cache is emptied (counts and figures newer than the backup), and apps add
their own (the privacy work will replay erasure tombstones here, so that people erased after
the backup was taken stay erased).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.db import connections

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


Step = Callable[..., object]
_after_restore: dict[str, Step] = {}


def after_restore(name: str) -> Callable[[Step], Step]:
    """Register `fn(*, alias)` to run after every restore."""

    def register(fn: Step) -> Step:
        _after_restore[name] = fn
        return fn

    return register


def after_restore_steps() -> dict[str, Step]:
    return dict(_after_restore)


@after_restore("cache")
def empty_the_cache(*, alias: str) -> None:
    # Unread counts, limits and the like describe the data as it was before the restore.
    cache.clear()


def _vendor(alias: str) -> str:
    return connections[alias].vendor


def _pg_command(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, the password in the environment only."""
    settings = connections[alias].settings_dict
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    args += ["--dbname", str(settings["NAME"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def backup(path: Path, *, alias: str = "default") -> Path:
    """Write a consistent copy of the whole database to `path`, while Belong runs."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    vendor = _vendor(alias)
    if vendor == "sqlite":
        source = sqlite3.connect(str(connections[alias].settings_dict["NAME"]))
        target = sqlite3.connect(str(path))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif vendor == "postgresql":
        args, env = _pg_command(alias)
        result = subprocess.run(  # noqa: S603
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(result.stderr.strip())
    else:
        raise BackupError(f"No backup for the {vendor} database.")
    return path


def restore(path: Path, *, alias: str = "default") -> list[str]:
    """Replace the whole database with the backup at `path`, then run the after-restore
    steps; returns their names. Stop the app servers and workers first."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    with path.open("rb") as handle:
        head = handle.read(16)
    vendor = _vendor(alias)
    connections[alias].close()
    if vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is not a SQLite backup.")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(str(connections[alias].settings_dict["NAME"]), timeout=30)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif vendor == "postgresql":
        if not head.startswith(PG_CUSTOM_MAGIC):
            raise BackupError(f"{path} is not a pg_dump backup (custom format).")
        args, env = _pg_command(alias)
        result = subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(result.stderr.strip())
    else:
        raise BackupError(f"No restore for the {vendor} database.")
    return run_after_restore_steps(alias=alias)


def run_after_restore_steps(*, alias: str = "default") -> list[str]:
    """The after-restore steps, in order; also after a point-in-time recovery."""
    done = []
    for name, step in _after_restore.items():
        step(alias=alias)
        done.append(name)
        logger.info("After the restore: %s done", name)
    return done
