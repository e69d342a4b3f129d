"""A municipality's dashboard: the rolled-up monthly figures of the last 12 complete months,
grouped in sets that each watch one finding of the research, with every value passed through
disclosure control (belong/core/disclosure.py) before anyone sees it. The page and the CSV
download read the same protected tables, so neither shows what the other hides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from belong.core import clock, disclosure
from belong.core.disclosure import Month
from belong.places.models import Municipality
from belong.statistics.models import MonthlyFigure

MONTHS_SHOWN = 12

# The research findings each figure watches (see docs/statistics.md).
FINDINGS: dict[str, tuple[Promise, Promise]] = {
    "visibility": (
        _("Visibility"),
        _("Seeing the posts of people with the same wish widens a network."),
    ),
    "reaching_out": (
        _("Reaching out"),
        _("On Belong everyone is there for the same reason, so writing first feels safe."),
    ),
    "relational_match": (
        _("Relational match"),
        _("People look for a person like themselves, close by, and want to meet."),
    ),
    "no_answer": (
        _("No answer"),
        _("No reply, or a sudden silence, stops people from trying again."),
    ),
    "digital_skills": (
        _("Digital skills"),
        _("People who find the web hard need help to sign up and post."),
    ),
    "relational_difficulty": (
        _("Relational difficulty"),
        _("People with past difficulties may need a facilitator or a shared activity."),
    ),
}

COUNT, SHARE, MEDIAN = "count", "share", "median"


@dataclass(frozen=True)
class Column:
    """One column of a set's table. COUNT reads `figures[0]`; SHARE is figures[0] out of
    figures[1]; MEDIAN is the median in minutes figures[0] over figures[1] people.
    `summed`: the figure is a flow, so its 12 months add up to a total that is shown."""

    key: str
    label: Promise
    kind: str
    figures: tuple[str, ...]
    summed: bool = False


@dataclass(frozen=True)
class FigureSet:
    slug: str
    title: Promise
    finding: str
    columns: tuple[Column, ...] = ()
    # A split of `members` (gender, age band): the columns are protected together with their
    # total, month by month, so no hidden category is the total less the others.
    split_of_members: bool = False


def _count(key, label, *, summed=True):
    return Column(key, label, COUNT, (key,), summed)


def _split(labelled: Sequence[tuple[str, Promise]]) -> tuple[Column, ...]:
    return tuple(Column(name, label, COUNT, (name,)) for name, label in labelled)


def figure_sets() -> list[FigureSet]:
    # Late imports keep the labels in the apps that own the figures (accounts is below us).
    from belong.accounts.models import Gender
    from belong.accounts.stats import AGE_BANDS

    return [
        FigureSet(
            "members",
            _("Members"),
            "visibility",
            (
                _count("members", _("Members at the month's end"), summed=False),
                _count("new_members", _("New members")),
                _count("active_members", _("Active members"), summed=False),
            ),
        ),
        FigureSet(
            "gender",
            _("Members by gender"),
            "relational_match",
            _split([(f"members_gender_{g.value}", g.label) for g in Gender]),
            split_of_members=True,
        ),
        FigureSet(
            "age",
            _("Members by age"),
            "relational_match",
            _split(
                [(f"members_age_{name}", label) for name, label, *_rest in AGE_BANDS]
                + [("members_age_unknown", _("Age not known"))]
            ),
            split_of_members=True,
        ),
        FigureSet(
            "posts",
            _("Posts"),
            "visibility",
            (
                _count("published_posts", _("Posts published")),
                Column(
                    "posts_with_contact",
                    _("Share of posts that got a contact"),
                    SHARE,
                    ("posts_with_contact", "published_posts"),
                ),
            ),
        ),
        FigureSet(
            "contacts",
            _("First contacts"),
            "reaching_out",
            (_count("conversations", _("First contacts made")),),
        ),
        FigureSet(
            "answers",
            _("Answers to first contacts"),
            "no_answer",
            (
                Column(
                    "answered_72h",
                    _("Answered within 72 hours"),
                    SHARE,
                    ("first_contacts_answered_72h", "conversations"),
                ),
                Column(
                    "answered_7d",
                    _("Answered within 7 days"),
                    SHARE,
                    ("first_contacts_answered_7d", "conversations"),
                ),
                Column(
                    "closed_kindly",
                    _("Ended with a kind answer"),
                    SHARE,
                    ("first_contacts_closed_kindly", "conversations"),
                ),
                Column(
                    "first_reply",
                    _("Median time to the first reply (hours)"),
                    MEDIAN,
                    ("first_reply_median_minutes", "first_reply_n"),
                ),
            ),
        ),
        FigureSet(
            "meetings",
            _("Meetings and check-ins"),
            "relational_match",
            (
                _count("meetings_agreed", _("Meetings agreed")),
                _count("checkins", _("After-meeting check-ins")),
                Column("met", _("Share who met"), SHARE, ("checkins_met", "checkins")),
                Column(
                    "meet_again",
                    _("Share of those who met who would meet again"),
                    SHARE,
                    ("checkins_meet_again", "checkins_met"),
                ),
                Column(
                    "felt_good",
                    _("Share of those who met for whom it felt good"),
                    SHARE,
                    ("meetings_felt_good", "checkins_met"),
                ),
            ),
        ),
        FigureSet(
            "activities",
            _("Facilitated activities"),
            "relational_difficulty",
            (
                _count("activities_held", _("Activities held")),
                _count("activity_signups", _("Sign-ups")),
                _count("activity_attendance", _("Came")),
            ),
        ),
        FigureSet(
            "support",
            _("Support from a facilitator"),
            "relational_difficulty",
            (
                _count("support_requests", _("Requests for support")),
                _count("support_taken_on", _("Taken on by a facilitator")),
                Column(
                    "support_wait",
                    _("Median wait for a facilitator (hours)"),
                    MEDIAN,
                    ("support_wait_median_minutes", "support_taken_on"),
                ),
            ),
        ),
        FigureSet(
            "digital",
            _("Help with the digital"),
            "digital_skills",
            (
                _count("help_requests", _("Requests for IT help")),
                _count("help_requests_handled", _("IT help requests handled")),
                Column(
                    "help_time",
                    _("Median time to handle (hours)"),
                    MEDIAN,
                    ("help_handled_median_minutes", "help_requests_handled"),
                ),
                _count("assisted_signups", _("Signed up with a staff member's help")),
            ),
        ),
        FigureSet(
            "safety",
            _("Reports and moderation"),
            "reaching_out",
            (
                _count("reports", _("Reports made")),
                _count("moderation_actions", _("Moderation actions")),
            ),
        ),
    ]


def figure_set(slug: str) -> FigureSet | None:
    return next((s for s in figure_sets() if s.slug == slug), None)


# What a cell shows -----------------------------------------------------------------------

UNDER = "under"  # a count of fewer than MIN_CELL people
SECONDARY = "secondary"  # hidden so that a small count cannot be worked out from the totals
TOO_FEW = "too_few"  # a share or median over too few people
MISSING = "missing"  # the month is not rolled up yet

HIDDEN_TEXT = {
    UNDER: _("under 5"),
    SECONDARY: _("hidden"),
    TOO_FEW: _("too few to show"),
    MISSING: _("not counted yet"),
}


@dataclass(frozen=True)
class Shown:
    value: float | None  # None: hidden, and `hidden` says why
    text: str
    hidden: str = ""


def _hidden(reason: str) -> Shown:
    return Shown(None, str(HIDDEN_TEXT[reason]), reason)


def _shown_count(value: int) -> Shown:
    return Shown(value, number_format(value, force_grouping=True))


@dataclass
class Row:
    month: Month
    label: str
    short_label: str
    cells: list[Shown] = field(default_factory=list)
    members: Shown | None = None  # a split's total for the month


@dataclass
class Table:
    figure_set: FigureSet
    finding_title: str
    finding_text: str
    rows: list[Row]
    total: list[Shown | None]  # the 12 months in all, where a column adds up
    members: list[Shown] | None = None  # a split's month totals

    @property
    def has_total(self) -> bool:
        return any(cell is not None for cell in self.total)


def last_complete_months(count: int = MONTHS_SHOWN) -> list[Month]:
    """The `count` calendar months before the current one, oldest first: fixed periods."""
    month = Month.of(timezone.localtime(clock.now()).date())
    months = []
    for _step in range(count):
        month = month.previous()
        months.append(month)
    return months[::-1]


def _protected_counts(values: list[int | None], *, summed: bool):
    """Month cells (and the total when `summed`), with secondary suppression over the total."""
    known = [v for v in values if v is not None]
    if len(known) < len(values):
        # A month not yet counted: no total, so nothing can be differenced from it.
        cells = [_hidden(MISSING) if v is None else _primary(v) for v in values]
        return cells, None
    if not summed:
        return [_primary(v) for v in known], None
    protected, total = disclosure.protect_breakdown({str(i): v for i, v in enumerate(known)})
    cells = [_after_protection(protected[str(i)], v) for i, v in enumerate(known)]
    return cells, _after_protection(total, sum(known))


def _primary(value: int) -> Shown:
    shown = disclosure.cell(value)
    return _hidden(UNDER) if shown is None else _shown_count(shown)


def _after_protection(shown: int | None, true_value: int) -> Shown:
    if shown is not None:
        return _shown_count(shown)
    return _hidden(UNDER if disclosure.cell(true_value) is None else SECONDARY)


def _stock(cell: Shown) -> Shown:
    """Members at a month's end (or a split of them), rounded: see disclosure.rounded_stock."""
    if cell.value is None:
        return cell
    return _shown_count(disclosure.rounded_stock(int(cell.value)))


def _share(part: int | None, whole: int | None) -> Shown:
    if part is None or whole is None:
        return _hidden(MISSING)
    value = disclosure.share(min(part, whole), whole)
    if value is None:
        return _hidden(TOO_FEW)
    percent = round(value * 100)
    return Shown(percent, f"{number_format(percent)} %")


def _median_hours(minutes: int | None, n: int | None) -> Shown:
    if minutes is None or n is None:
        return _hidden(MISSING)
    value = disclosure.summary(minutes, n)
    if value is None:
        return _hidden(TOO_FEW)
    hours = round(value / 60, 1)
    return Shown(hours, number_format(hours, decimal_pos=1))


def read_figures(municipality: Municipality, months: list[Month]) -> dict[tuple[Month, str], int]:
    """Every rolled-up figure of the months, in one query."""
    rows = MonthlyFigure.objects.filter(
        municipality=municipality, month__in=[m.first_day for m in months]
    ).values_list("month", "figure", "value")
    return {(Month.of(month), figure): value for month, figure, value in rows}


def build_tables(municipality: Municipality, months: list[Month] | None = None) -> list[Table]:
    months = months or last_complete_months()
    figures = read_figures(municipality, months)
    splits_hide_members = _members_hidden_by_splits(figures, months)
    labels = {
        month: (
            date_format(month.first_day, "YEAR_MONTH_FORMAT"),
            date_format(month.first_day, "SHORT_YEAR_MONTH_FORMAT"),
        )
        for month in months
    }
    return [_build_table(s, figures, months, splits_hide_members, labels) for s in figure_sets()]


def build_table(municipality: Municipality, slug: str) -> Table | None:
    return next((t for t in build_tables(municipality) if t.figure_set.slug == slug), None)


def _members_hidden_by_splits(figures, months) -> set[Month]:
    """Months whose member total a split had to hide: hidden on every table, or the split's
    hidden cells would follow from it."""
    hidden = set()
    for figure_set in figure_sets():
        if not figure_set.split_of_members:
            continue
        for month in months:
            counts = {c.key: figures.get((month, c.key)) for c in figure_set.columns}
            if any(v is None for v in counts.values()):
                continue
            _cells, total = disclosure.protect_breakdown(counts)
            if total is None:
                hidden.add(month)
    return hidden


def _build_table(figure_set: FigureSet, figures, months, members_hidden, labels) -> Table:
    finding_title, finding_text = FINDINGS[figure_set.finding]
    rows = [Row(month, *labels[month]) for month in months]
    table = Table(figure_set, str(finding_title), str(finding_text), rows, [])
    if figure_set.split_of_members:
        _fill_split(table, figures, months, members_hidden)
        return table
    for column in figure_set.columns:
        values = [[figures.get((m, name)) for name in column.figures] for m in months]
        if column.kind == COUNT:
            cells, total = _protected_counts([v[0] for v in values], summed=column.summed)
            if column.key == "members":
                cells = [
                    _hidden(SECONDARY) if m in members_hidden and c.value is not None else _stock(c)
                    for m, c in zip(months, cells, strict=True)
                ]
        elif column.kind == SHARE:
            cells, total = [_share(*v) for v in values], None
        else:
            cells, total = [_median_hours(*v) for v in values], None
        for row, cell in zip(rows, cells, strict=True):
            row.cells.append(cell)
        table.total.append(total)
    return table


def _fill_split(table: Table, figures, months, members_hidden) -> None:
    keys = [c.key for c in table.figure_set.columns]
    table.members = []
    for row, month in zip(table.rows, months, strict=True):
        counts = {key: figures.get((month, key)) for key in keys}
        if any(v is None for v in counts.values()):
            row.cells = [_hidden(MISSING) for _key in keys]
            row.members = _hidden(MISSING)
            table.members.append(row.members)
            continue
        protected, total = disclosure.protect_breakdown(counts)
        row.cells = [_stock(_after_protection(protected[key], counts[key])) for key in keys]
        members = sum(counts.values())
        if total is not None and month in members_hidden:
            row.members = _hidden(SECONDARY)
        else:
            row.members = _stock(_after_protection(total, members))
        table.members.append(row.members)
    table.total = [None for _key in keys]


def csv_rows(table: Table) -> list[list[str]]:
    """The table as the page shows it: hidden cells carry the same words, never a value."""
    header = [str(_("Month"))] + [str(c.label) for c in table.figure_set.columns]
    if table.members is not None:
        header.append(str(_("Members in all")))
    lines = [header]
    for index, row in enumerate(table.rows):
        line = [str(row.month)] + [_plain(cell) for cell in row.cells]
        if table.members is not None:
            line.append(_plain(table.members[index]))
        lines.append(line)
    if table.has_total:
        lines.append(
            [str(_("12 months in all"))]
            + ["" if cell is None else _plain(cell) for cell in table.total]
        )
    return lines


def _plain(cell: Shown) -> str:
    """A number as a spreadsheet reads it (no grouping); hidden cells as their words."""
    if cell.value is None:
        return cell.text
    if isinstance(cell.value, float) and not cell.value.is_integer():
        return f"{cell.value:.1f}"
    return str(int(cell.value))
