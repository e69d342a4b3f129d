"""The nightly rollup: every figure in the registry that can count a calendar month
(`count_in(municipality, start, end)`), for every municipality, into MonthlyFigure. Running it
twice gives the same rows."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from belong.core import clock
from belong.core.disclosure import Month
from belong.places.models import Municipality
from belong.statistics.models import MonthlyFigure
from belong.statistics.registry import statistics


def monthly_statistics() -> list:
    return [statistic for statistic in statistics() if hasattr(statistic, "count_in")]


def roll_up_month(*, month: Month) -> int:
    """Count one calendar month for every municipality; returns the rows written."""
    now = clock.now()
    start, end = month.bounds(timezone.get_current_timezone())
    written = 0
    figures = monthly_statistics()
    with transaction.atomic():
        for municipality in Municipality.objects.all():
            for statistic in figures:
                MonthlyFigure.objects.update_or_create(
                    municipality=municipality,
                    month=month.first_day,
                    figure=statistic.name,
                    defaults={
                        "value": statistic.count_in(municipality, start, end),
                        "computed_at": now,
                    },
                )
                written += 1
    return written


def roll_up(*, months_back: int = 1) -> int:
    """The month so far and the `months_back` complete months before it (late changes,
    such as a post removed after the month ended, are picked up the next night)."""
    month = Month.of(timezone.localtime(clock.now()).date())
    months = [month]
    for _ in range(months_back):
        previous = months[-1]
        months.append(
            Month(previous.year - 1, 12)
            if previous.month == 1
            else Month(previous.year, previous.month - 1)
        )
    return sum(roll_up_month(month=m) for m in months)
