"""Django's migrate, one server at a time: several app servers deploying at once wait for
each other instead of racing to apply the same migration.

On PostgreSQL an advisory lock (pg_advisory_xact_lock) is held for the whole run by a
connection of its own, inside an open transaction: that also holds behind PgBouncer in
transaction pooling, where a session lock could be taken and released on different server
connections. It goes when the run ends or the process dies. On SQLite an exclusive lock on a
file beside the database. The migrations still to apply are read only
once the lock is held, so the second server finds nothing left to do.
"""

from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path

from django.core.management.commands import migrate
from django.db import connections

# "belong" in ASCII: one number every Belong installation agrees on.
ADVISORY_LOCK_KEY = 0x62656C6F6E67


@contextlib.contextmanager
def migration_lock(alias: str):
    connection = connections[alias]
    if connection.vendor == "postgresql":
        holder = connections.create_connection(alias)
        try:
            holder.set_autocommit(False)
            with holder.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            yield
        finally:
            try:
                holder.rollback()
            finally:
                holder.close()
    elif connection.vendor == "sqlite" and str(connection.settings_dict["NAME"]) != ":memory:":
        path = Path(str(connection.settings_dict["NAME"]) + ".migrate-lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield


class Command(migrate.Command):
    help = migrate.Command.help + " Belong runs it under a lock, one server at a time."

    def handle(self, *args, **options):
        with migration_lock(options["database"]):
            return super().handle(*args, **options)
