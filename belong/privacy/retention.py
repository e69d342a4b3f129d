"""Retention: the daily task deletes what has been kept long enough. Each app lists its rules
in its own `privacy.py` as `RETENTION = {name: fn(*, now) -> count}` (the periods are
settings, `BELONG_RETENTION_*`); the counts are logged."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction

from belong.core import clock
from belong.privacy.registry import entries

logger = logging.getLogger(__name__)


def apply_retention(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or clock.now()
    counts: dict[str, int] = {}
    for entry in entries():
        app = entry.__name__.split(".")[1]
        for name, rule in getattr(entry, "RETENTION", {}).items():
            with transaction.atomic():
                counts[f"{app}.{name}"] = rule(now=now)
    logger.info(
        "Retention: %s", ", ".join(f"{key} {count}" for key, count in counts.items()) or "none"
    )
    return counts
