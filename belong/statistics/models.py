"""The summary table the nightly rollup fills: one row per municipality, calendar month and
figure, so the dashboard reads a few rows instead of counting at national scale. Values are
the true counts; disclosure control (belong/core/disclosure.py) applies when they are shown."""

from __future__ import annotations

from django.db import models


class MonthlyFigure(models.Model):
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE)
    month = models.DateField(help_text="The first day of the calendar month.")
    figure = models.CharField(max_length=80)  # the registry entry's name
    value = models.PositiveBigIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month", "figure"], name="monthly_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m} {self.figure}={self.value}"
