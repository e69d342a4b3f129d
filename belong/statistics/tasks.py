"""The nightly rollup as a task `belong tick` enqueues (hourly: safe to run more often)."""

from __future__ import annotations

from django_tasks import task

from belong.statistics import rollup


@task()
def roll_up_monthly_figures() -> int:
    return rollup.roll_up()
