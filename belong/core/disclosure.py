"""Disclosure control: every rule that keeps a figure from pointing at a person, in one place.

- A count of people under MIN_CELL (5) is never shown on a staff dashboard; on public pages
  the stricter SMALL_COUNT (10) applies.
- A mean, median or percentile over fewer than MIN_FOR_SUMMARY (10) people is never shown.
- A share is shown only when both the people it counts and the people it leaves out are at
  least MIN_CELL, so that neither side can be worked out from the share and its base.
- In a table with row and column totals, a hidden cell must not be computable from the totals
  and the cells that are shown (secondary suppression): more cells are hidden until no hidden
  cell, total included, is fixed by the visible ones.
- A count of people at a moment (members at a month's end, and its splits) is rounded to the
  nearest STOCK_ROUNDING (5): the difference of two months' exact stocks would give the
  month's newcomers exactly, hidden or not.
- Periods are fixed calendar months. There are no free date ranges, so nobody can subtract
  one range from an overlapping one to isolate a few days.

Hidden values are None. Callers show them as "fewer than" or "hidden"; they never show the
value itself.
"""

from __future__ import annotations

import datetime
import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

SMALL_COUNT = 10  # public pages: counts below this are shown as "fewer than"
MIN_CELL = 5  # staff dashboards: no cell of fewer people is shown
MIN_FOR_SUMMARY = 10  # no mean, median or percentile over fewer people
STOCK_ROUNDING = 5  # counts of people at a moment are shown to the nearest 5


def suppress_small(count: int) -> int | None:
    """A count for a public page."""
    return count if count >= SMALL_COUNT else None


def cell(count: int) -> int | None:
    """A count of people for a staff dashboard (zero is hidden too: "nobody" can disclose)."""
    return count if count >= MIN_CELL else None


def rounded_stock(count: int) -> int:
    """A count of people at a moment, to the nearest STOCK_ROUNDING (halves up)."""
    if count < 0:
        raise ValueError("counts are not negative")
    return (count + STOCK_ROUNDING // 2) // STOCK_ROUNDING * STOCK_ROUNDING


def share(part: int, whole: int) -> float | None:
    """part / whole, shown only when part and whole - part are each at least MIN_CELL."""
    if part < 0 or part > whole:
        raise ValueError("a share's part must lie between 0 and its whole")
    if part < MIN_CELL or whole - part < MIN_CELL:
        return None
    return part / whole


def mean(values: Sequence[float]) -> float | None:
    if len(values) < MIN_FOR_SUMMARY:
        return None
    return math.fsum(values) / len(values)


def summary(value: float | None, n: int) -> float | None:
    """A mean, median or percentile computed elsewhere (the nightly rollup stores them with
    their n), shown only when it summarises at least MIN_FOR_SUMMARY people."""
    if n < 0:
        raise ValueError("an n is not negative")
    return value if value is not None and n >= MIN_FOR_SUMMARY else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0..100, linear between closest ranks) over at least
    MIN_FOR_SUMMARY values."""
    if not 0 <= p <= 100:
        raise ValueError("a percentile lies between 0 and 100")
    if len(values) < MIN_FOR_SUMMARY:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 50)


# Fixed periods ----------------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month: the only period figures are given for."""

    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12 or not 2000 <= self.year <= 2999:
            raise ValueError("not a month")

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2026-03' and nothing else: no days, no ranges."""
        found = _MONTH.match(text or "")
        if not found:
            raise ValueError("a period is a calendar month written YYYY-MM")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, moment: datetime.date) -> Month:
        return cls(moment.year, moment.month)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def next(self) -> Month:
        if self.month == 12:
            return Month(self.year + 1, 1)
        return Month(self.year, self.month + 1)

    def previous(self) -> Month:
        if self.month == 1:
            return Month(self.year - 1, 12)
        return Month(self.year, self.month - 1)

    def bounds(self, tz: datetime.tzinfo) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) of the month as aware datetimes in tz."""
        start = datetime.datetime.combine(self.first_day, datetime.time(), tzinfo=tz)
        end = datetime.datetime.combine(self.next().first_day, datetime.time(), tzinfo=tz)
        return start, end

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# Tables with totals -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectedTable:
    """cells[i][j], row_totals[i], column_totals[j], total: a value, or None when hidden."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None


def protect_table(cells: Sequence[Sequence[int]]) -> ProtectedTable:
    """Primary suppression (every count under MIN_CELL, totals included), then secondary
    suppression until no hidden value can be worked out from the values shown.

    The table is read with its margins as an (r+1) x (c+1) grid: every row and every column
    of it adds up. The hidden entries are the edges of a bipartite graph between rows and
    columns; a hidden entry is fixed by the shown ones exactly when its edge lies on no
    cycle (a bridge). So while any hidden entry is a bridge, the cheapest shown entries that
    close a cycle through it are hidden too: the next-smallest cell in its row or column,
    and what it takes to pair that one up."""
    rows = len(cells)
    columns = len(cells[0]) if rows else 0
    if rows == 0 or columns == 0 or any(len(row) != columns for row in cells):
        raise ValueError("a table needs rows of equal, non-zero length")
    if any(value < 0 for row in cells for value in row):
        raise ValueError("counts are not negative")
    grid = [list(row) + [sum(row)] for row in cells]
    grid.append([sum(grid[i][j] for i in range(rows)) for j in range(columns + 1)])
    height, width = rows + 1, columns + 1
    hidden = {(i, j) for i in range(height) for j in range(width) if grid[i][j] < MIN_CELL}

    while True:
        exposed = next((edge for edge in sorted(hidden) if _is_bridge(hidden, edge)), None)
        if exposed is None:
            break
        hidden.update(_cheapest_cover(grid, hidden, exposed))

    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else grid[i][j]

    return ProtectedTable(
        cells=[[shown(i, j) for j in range(columns)] for i in range(rows)],
        row_totals=[shown(i, columns) for i in range(rows)],
        column_totals=[shown(rows, j) for j in range(columns)],
        total=shown(rows, columns),
    )


def protect_breakdown(counts: dict[str, int]) -> tuple[dict[str, int | None], int | None]:
    """A split (by gender, by age band) with its total: a one-row table."""
    labels = list(counts)
    table = protect_table([[counts[label] for label in labels]])
    return dict(zip(labels, table.cells[0], strict=True)), table.row_totals[0]


def _cheapest_cover(
    grid: list[list[int]], hidden: set[tuple[int, int]], edge: tuple[int, int]
) -> list[tuple[int, int]]:
    """The shown entries, smallest total first (then fewest), on a path from the edge's row
    to its column that avoids the edge: hiding them puts the edge on a cycle."""
    height, width = len(grid), len(grid[0])
    start, goal = ("r", edge[0]), ("c", edge[1])
    best: dict[tuple[str, int], tuple[int, int]] = {start: (0, 0)}
    came: dict[tuple[str, int], tuple[str, int]] = {}
    queue: list[tuple[int, int, tuple[str, int]]] = [(0, 0, start)]
    while queue:
        cost, steps, node = heapq.heappop(queue)
        if node == goal:
            break
        if (cost, steps) > best[node]:
            continue
        kind, index = node
        others = (
            [("c", j) for j in range(width)] if kind == "r" else [("r", i) for i in range(height)]
        )
        for other in others:
            place = (index, other[1]) if kind == "r" else (other[1], index)
            if place == edge:
                continue
            price = (0, 0) if place in hidden else (grid[place[0]][place[1]], 1)
            reached = (cost + price[0], steps + price[1])
            if other not in best or reached < best[other]:
                best[other] = reached
                came[other] = node
                heapq.heappush(queue, (*reached, other))
    path = []
    node = goal
    while node != start:
        previous = came[node]
        path.append((previous[1], node[1]) if previous[0] == "r" else (node[1], previous[1]))
        node = previous
    return [place for place in path if place not in hidden]


def _is_bridge(hidden: set[tuple[int, int]], edge: tuple[int, int]) -> bool:
    """Whether removing the hidden entry `edge` disconnects its row from its column."""
    start, goal = ("r", edge[0]), ("c", edge[1])
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in hidden:
        if (i, j) == edge:
            continue
        neighbours.setdefault(("r", i), []).append(("c", j))
        neighbours.setdefault(("c", j), []).append(("r", i))
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return False
        for other in neighbours.get(node, ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return True
