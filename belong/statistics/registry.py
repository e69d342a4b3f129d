"""Statistics, app by app. An app that has figures for a municipality lists them in its own
`stats.py` as `STATISTICS`: objects with a `name`, a `label`, and `count(municipality) -> int`
for a figure as of now and/or a monthly count for the nightly rollup (see rollup.py). Small
counts of the figures as of now are suppressed here, once, so no small group can be singled
out."""

from __future__ import annotations

from dataclasses import dataclass

from belong.core.plugins import collect
from belong.core.small_counts import suppress_small
from belong.places.models import Municipality


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    value: int | None  # None: fewer than SMALL_COUNT (belong/core/small_counts.py)


def statistics() -> list:
    return collect("stats", "STATISTICS")


def figures_for(municipality: Municipality) -> list[Figure]:
    found = []
    for statistic in statistics():
        if not hasattr(statistic, "count"):
            continue
        found.append(
            Figure(
                name=statistic.name,
                label=str(statistic.label),
                value=suppress_small(statistic.count(municipality)),
            )
        )
    return found
