"""The tombstone list: the ids of erased accounts, one a line, in a file outside the database
(`BELONG_TOMBSTONE_FILE`), so that a restore from a backup taken before an erasure erases the
person again (an after-restore step of `belong restore`)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _path() -> Path:
    return Path(settings.BELONG_TOMBSTONE_FILE)


def add_tombstone(user_id: int) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as handle:
        handle.write(f"{int(user_id)}\n")
        handle.flush()
        os.fsync(handle.fileno())


def tombstones() -> set[int]:
    path = _path()
    if not path.exists():
        return set()
    return {int(line) for line in path.read_text(encoding="ascii").split() if line.isdigit()}
