"""Bar charts drawn on the server: the geometry of an SVG that a template writes out, with
no script and no chart library in the browser. A hidden value gets no bar, only a mark and
its words, so a chart never shows more than its table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from belong.statistics.dashboard import Shown, Table

WIDTH = 640
HEIGHT = 240
LEFT = 48  # room for the scale
BOTTOM = 44  # room for the months, on two lines
TOP = 16


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    month: str
    year: str
    text: str
    hidden: bool


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    baseline: float
    left: int


def _nice_ceiling(value: float) -> float:
    """The scale's top: 1, 2 or 5 times a power of ten, at or above the largest value."""
    if value <= 0:
        return 1
    power = 1.0
    while power * 10 <= value:
        power *= 10
    while power > value:
        power /= 10
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def bar_chart(table: Table, column_index: int = 0) -> Chart:
    column = table.figure_set.columns[column_index]
    cells: list[Shown] = [row.cells[column_index] for row in table.rows]
    values = [c.value for c in cells if c.value is not None]
    top = _nice_ceiling(max(values, default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    slot = (WIDTH - LEFT) / max(len(cells), 1)
    bars = []
    for index, (row, cell) in enumerate(zip(table.rows, cells, strict=True)):
        x = LEFT + index * slot + slot * 0.15
        height = 0.0 if cell.value is None else plot_height * cell.value / top
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label_x=round(x + slot * 0.35, 1),
                month=row.short_label.rpartition(" ")[0],
                year=row.short_label.rpartition(" ")[2],
                text=cell.text,
                hidden=cell.value is None,
            )
        )
    ticks = [
        Tick(round(baseline - plot_height * step / 4, 1), _format_tick(top * step / 4))
        for step in range(5)
    ]
    shown = [f"{row.label}: {cell.text}" for row, cell in zip(table.rows, cells, strict=True)]
    return Chart(
        title=f"{table.figure_set.title}: {column.label}",
        description=_("Month by month, %(months)s. The table below has every figure.")
        % {"months": "; ".join(shown)},
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        ticks=ticks,
        baseline=baseline,
        left=LEFT,
    )


def _format_tick(value: float) -> str:
    return f"{value:g}"


def render_svg(chart: Chart, slug: str) -> SafeString:
    """The chart as inline SVG: an image with a title and a description (which reads every
    value out), its grid, scale, bars and months. The table next to it holds the same."""
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="stats-grid"/>'
        '<text x="{}" y="{}" class="stats-tick" text-anchor="end" dominant-baseline="middle">'
        "{}</text>",
        (
            (chart.left, chart.width, tick.y, tick.y, chart.left - 6, tick.y, tick.text)
            for tick in chart.ticks
        ),
    )
    bars = format_html_join(
        "",
        "{}"
        '<text x="{}" y="{}" class="stats-month" text-anchor="middle">{}'
        '<tspan x="{}" dy="15">{}</tspan></text>',
        (
            (
                format_html(
                    '<text x="{}" y="{}" class="stats-hidden" text-anchor="middle">–</text>',
                    bar.label_x,
                    chart.baseline - 8,
                )
                if bar.hidden
                else format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="stats-bar"/>',
                    bar.x,
                    bar.y,
                    bar.width,
                    bar.height,
                ),
                bar.label_x,
                chart.baseline + 16,
                bar.month,
                bar.label_x,
                bar.year,
            )
            for bar in chart.bars
        ),
    )
    return format_html(
        '<svg class="stats-chart" role="img" aria-labelledby="{slug}-chart-title '
        '{slug}-chart-desc" viewBox="0 0 {width} {height}" width="100%" '
        'preserveAspectRatio="xMinYMin meet"><title id="{slug}-chart-title">{title}</title>'
        '<desc id="{slug}-chart-desc">{description}</desc>{grid}{bars}</svg>',
        slug=slug,
        width=chart.width,
        height=chart.height,
        title=chart.title,
        description=chart.description,
        grid=grid,
        bars=bars,
    )
