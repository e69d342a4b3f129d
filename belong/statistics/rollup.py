"""The nightly rollup: every figure in the registry that can count a calendar month, for
every municipality, into MonthlyFigure. A figure counts a month either with one grouped
query for all municipalities (`count_by_municipality(start, end) -> {municipality id: n}`)
or, more slowly, one municipality at a time (`count_in(municipality, start, end)`).
Municipalities with nothing to count get 0. Running it twice gives the same rows."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from belong.core import clock
from belong.core.disclosure import Month
from belong.places.models import Municipality
from belong.statistics.models import MonthlyFigure
from belong.statistics.registry import statistics

BATCH = 2000


def monthly_statistics() -> list:
    return [
        statistic
        for statistic in statistics()
        if hasattr(statistic, "count_by_municipality") or hasattr(statistic, "count_in")
    ]


def _counts(statistic, municipalities, start, end) -> dict[int, int]:
    if hasattr(statistic, "count_by_municipality"):
        return statistic.count_by_municipality(start, end)
    return {m.pk: statistic.count_in(m, start, end) for m in municipalities}


def roll_up_month(*, month: Month) -> int:
    """Count one calendar month for every municipality; returns the rows written."""
    now = clock.now()
    start, end = month.bounds(timezone.get_current_timezone())
    municipalities = list(Municipality.objects.order_by("pk"))
    rows: list[MonthlyFigure] = []
    for statistic in monthly_statistics():
        counts = _counts(statistic, municipalities, start, end)
        rows.extend(
            MonthlyFigure(
                municipality=municipality,
                month=month.first_day,
                figure=statistic.name,
                value=counts.get(municipality.pk, 0),
                computed_at=now,
            )
            for municipality in municipalities
        )
    with transaction.atomic():
        MonthlyFigure.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["municipality", "month", "figure"],
            update_fields=["value", "computed_at"],
        )
    return len(rows)


def roll_up(*, months_back: int = 1) -> int:
    """The month so far and the `months_back` complete months before it (late changes,
    such as a post removed after the month ended, are picked up the next night)."""
    month = Month.of(timezone.localtime(clock.now()).date())
    months = [month]
    for _ in range(months_back):
        months.append(months[-1].previous())
    return sum(roll_up_month(month=m) for m in months)
