"""Disclosure control (belong/core/disclosure.py): every rule, as properties over many
tables and samples, plus an attacker who tries to work out a hidden cell."""

import datetime
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belong.core import disclosure
from belong.core.disclosure import (
    MIN_CELL,
    MIN_FOR_SUMMARY,
    Month,
    cell,
    mean,
    median,
    percentile,
    protect_breakdown,
    protect_table,
    share,
)

counts = st.integers(min_value=0, max_value=60)
tables = st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=4)
)
samples = st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), max_size=30)


def full_grid(cells):
    grid = [list(row) + [sum(row)] for row in cells]
    grid.append([sum(row[j] for row in grid) for j in range(len(grid[0]))])
    return grid


def shown_grid(table):
    grid = [list(row) + [total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    grid.append([*table.column_totals, table.total])
    return grid


def rank(matrix):
    rows = [list(map(Fraction, row)) for row in matrix]
    found = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def determined_hidden_entries(shown):
    """An attacker's linear algebra: every hidden entry of the grid whose value follows from
    the shown entries and "every row and column adds up to its total"."""
    height, width = len(shown), len(shown[0])
    unknowns = [(i, j) for i in range(height) for j in range(width) if shown[i][j] is None]
    if not unknowns:
        return []
    equations = []
    for i in range(height):
        equations.append([(1 if j < width - 1 else -1) if a == i else 0 for (a, j) in unknowns])
    for j in range(width):
        equations.append([(1 if i < height - 1 else -1) if b == j else 0 for (i, b) in unknowns])
    base = rank(equations)
    found = []
    for k, place in enumerate(unknowns):
        unit = [1 if n == k else 0 for n in range(len(unknowns))]
        if rank([*equations, unit]) == base:
            found.append(place)
    return found


@given(tables)
@settings(max_examples=300, deadline=None)
def test_no_cell_under_five_is_shown(cells):
    table = protect_table(cells)
    for value in [*sum(table.cells, []), *table.row_totals, *table.column_totals, table.total]:
        assert value is None or value >= MIN_CELL


@given(tables)
@settings(max_examples=300, deadline=None)
def test_shown_values_are_the_true_values(cells):
    for true, shown in zip(
        sum(full_grid(cells), []), sum(shown_grid(protect_table(cells)), []), strict=True
    ):
        assert shown is None or shown == true


@given(tables)
@settings(max_examples=300, deadline=None)
def test_no_hidden_value_can_be_worked_out_from_the_totals(cells):
    assert determined_hidden_entries(shown_grid(protect_table(cells))) == []


@given(tables)
@settings(max_examples=200, deadline=None)
def test_a_table_without_small_cells_is_shown_whole(cells):
    if all(value >= MIN_CELL for row in full_grid(cells) for value in row):
        assert shown_grid(protect_table(cells)) == full_grid(cells)


def test_secondary_suppression_hides_the_next_smallest_cell():
    # women 40, men 3, other 12: hiding only "men" would leave it as 55 - 40 - 12.
    split, total = protect_breakdown({"women": 40, "men": 3, "other": 12})
    assert split == {"women": 40, "men": None, "other": None}
    assert total == 55


@given(st.integers(min_value=0, max_value=200))
def test_cell(count):
    assert cell(count) == (count if count >= MIN_CELL else None)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_a_share_never_reveals_a_small_group_on_either_side(part, extra):
    whole = part + extra
    value = share(part, whole)
    if part < MIN_CELL or extra < MIN_CELL:
        assert value is None
    else:
        assert value == pytest.approx(part / whole)


@given(samples, st.floats(min_value=0, max_value=100))
def test_no_summary_over_fewer_than_ten(values, p):
    summaries = [mean(values), median(values), percentile(values, p)]
    if len(values) < MIN_FOR_SUMMARY:
        assert summaries == [None, None, None]
    else:
        assert all(value is not None for value in summaries)
        assert min(values) - 1e-9 <= summaries[2] <= max(values) + 1e-9


def test_median_and_percentile_values():
    values = list(range(1, 11))
    assert median(values) == 5.5
    assert percentile(values, 0) == 1
    assert percentile(values, 100) == 10
    assert mean(values) == 5.5


def test_periods_are_calendar_months_only():
    assert Month.parse("2026-03") == Month(2026, 3)
    assert str(Month(2026, 12).next()) == "2027-01"
    for free_range in ["2026-03-01..2026-03-05", "2026-03-01", "2026-3", "", "2026-13", "x"]:
        with pytest.raises(ValueError):
            Month.parse(free_range)
    start, end = Month(2026, 2).bounds(datetime.UTC)
    assert (end - start).days == 28


def test_a_differencing_attempt_fails():
    """Aalborg, one month. Members by age band (rows) and gender (columns): three men aged
    60+. The attacker knows the shown cells and every total, and that rows and columns add up;
    they try to work out the three men. They can also ask for the whole month, and for the
    month before, but never for a range of days that would isolate a smaller group."""
    cells = [
        [120, 80, 9],  # 18-29: women, men, other
        [200, 150, 11],  # 30-59
        [40, 3, 6],  # 60+
    ]
    table = protect_table(cells)
    assert table.cells[2][1] is None
    # Subtracting the shown cells from the row total, and from the column total, gives nothing.
    row, column = table.cells[2], [r[1] for r in table.cells]
    assert row.count(None) >= 2 or table.row_totals[2] is None
    assert column.count(None) >= 2 or table.column_totals[1] is None
    # Nor does any combination of the equations.
    assert determined_hidden_entries(shown_grid(table)) == []
    # A one-way split shown beside the table must be read off the same protected table (its
    # margins), never protected on its own: here they agree, and nothing new is shown.
    by_band, total = protect_breakdown({"18-29": 209, "30-59": 361, "60+": 49})
    assert total == table.total
    assert list(by_band.values()) == table.row_totals
    # A free range of days (to subtract one overlapping range from another) is refused.
    with pytest.raises(ValueError):
        Month.parse("2026-03-01/2026-03-15")


def test_public_counts_keep_their_stricter_rule():
    from belong.core.small_counts import SMALL_COUNT, suppress_small

    assert SMALL_COUNT == disclosure.SMALL_COUNT == 10
    assert suppress_small(9) is None and suppress_small(10) == 10


@given(st.integers(min_value=0, max_value=10**7))
def test_a_stock_is_shown_to_the_nearest_5(count):
    shown = disclosure.rounded_stock(count)
    assert shown % disclosure.STOCK_ROUNDING == 0
    assert abs(shown - count) <= disclosure.STOCK_ROUNDING // 2


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=4))
def test_two_rounded_stocks_never_pin_a_small_number_of_newcomers(before, newcomers):
    """Whatever the difference of two shown stocks, at least two different small numbers of
    newcomers (0 to 4) could lie behind it."""
    difference = disclosure.rounded_stock(before + newcomers) - disclosure.rounded_stock(before)
    possible = {
        n
        for n in range(5)
        for b in range(max(0, before - 10), before + 10)
        if disclosure.rounded_stock(b + n) - disclosure.rounded_stock(b) == difference
        and disclosure.rounded_stock(b) == disclosure.rounded_stock(before)
    }
    assert newcomers in possible and len(possible) >= 2


def test_a_stock_is_not_negative():
    with pytest.raises(ValueError):
        disclosure.rounded_stock(-1)
