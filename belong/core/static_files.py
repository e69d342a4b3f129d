"""Collecting the static files only when they changed.

`belong serve` and `belong demo` collect the static files as they start. With hashed names
and compressed copies (gzip and brotli of every file), that takes half a minute of CPU on a
small server, and a restart would pay it again for the very same files. So the collected
files carry a fingerprint of their sources (every file the finders list, with its size and
modification time, and the storage that collected them); a start that finds the same
fingerprint beside the collected files skips collecting.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.core.management import call_command

# What collectstatic leaves out by default.
IGNORED = ["CVS", ".*", "*~"]


def sources_fingerprint() -> str:
    digest = hashlib.sha256()
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    digest.update(f"{storage}|{settings.STATIC_URL}\n".encode())
    entries = []
    for finder in get_finders():
        for path, storage_of_path in finder.list(IGNORED):
            stat = os.stat(storage_of_path.path(path))
            prefix = getattr(storage_of_path, "prefix", None) or ""
            entries.append(f"{prefix}|{path}|{stat.st_size}|{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def fingerprint_path() -> Path:
    # Beside the collected files, not among them: nothing under STATIC_ROOT is served that
    # collectstatic did not put there.
    root = Path(settings.STATIC_ROOT)
    return root.with_name(root.name + ".sources")


def collect_static() -> bool:
    """Run collectstatic unless the collected files come from these very sources. Returns
    whether it ran."""
    marker = fingerprint_path()
    fingerprint = sources_fingerprint()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    hashed = isinstance(storages["staticfiles"], ManifestFilesMixin)
    if (
        marker.is_file()
        and marker.read_text() == fingerprint
        and (manifest.is_file() or not hashed)
    ):
        return False
    marker.unlink(missing_ok=True)  # a collecting cut short is done again next time
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint)
    return True
