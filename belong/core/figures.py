"""Counting for the apps' monthly figures (`<app>/stats.py`): one grouped query per figure and
month for every municipality at once, so the nightly rollup stays fast at national scale."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet


def counts_by(queryset: QuerySet, municipality_field: str, *, distinct: str = "") -> dict[int, int]:
    """{municipality id: rows} in one GROUP BY; `distinct` counts distinct values of a field."""
    counted = Count(distinct, distinct=True) if distinct else Count("pk")
    rows = (
        queryset.order_by()
        .values_list(municipality_field)
        .annotate(n=counted)
        .values_list(municipality_field, "n")
    )
    return {municipality: n for municipality, n in rows if municipality is not None}


def median_minutes_by(rows: Iterable[tuple[int | None, object, object]]) -> dict[int, int]:
    """{municipality id: median whole minutes} from (municipality id, start, end) rows.

    The median is stored with its n (a separate figure); disclosure control decides at
    showing time whether the n is large enough."""
    durations: dict[int, list[float]] = defaultdict(list)
    for municipality, start, end in rows:
        if municipality is None or start is None or end is None:
            continue
        durations[municipality].append((end - start).total_seconds() / 60)  # type: ignore[operator]
    return {
        municipality: round(statistics.median(values)) for municipality, values in durations.items()
    }
