"""Small helpers for the apps' `privacy.py` entries: a person's rows as plain JSON values."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import QuerySet


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def rows(queryset: QuerySet, *fields: str) -> list[dict]:
    """The named fields of every row, ready for a JSON export."""
    return [{key: _plain(value) for key, value in row.items()} for row in queryset.values(*fields)]
