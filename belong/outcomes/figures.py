"""Outcome figures, aggregates only: the change from the first round by months on Belong,
by age band, gender, loneliness at the first round and whether the person met someone.

Who counts: only people with an open yes to answering (a withdrawn yes removes them from
every figure from then on, and deletes their answers). The split by age band, gender and
meeting someone reads their use of Belong, so it counts only people who also said yes to
linking. The researchers' tables count only people who also said yes to research. Every
figure passes through belong.core.disclosure: counts under 5 and means over fewer than 10
are hidden, and the counts of a split are protected together with their total."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from belong.accounts import consents
from belong.accounts.models import Gender, age_on
from belong.core import disclosure
from belong.messaging.models import CheckIn
from belong.outcomes import instruments
from belong.outcomes.models import Response, Wave
from belong.places.models import Municipality

Purpose = consents.Purpose
FOLLOW_UPS = (Wave.MONTH_3, Wave.MONTH_6, Wave.MONTH_12)
# Coarser than the profile's bands, so fewer cells are too small to show.
AGE_BANDS = ((13, 17), (18, 29), (30, 49), (50, 64), (65, 120))


@dataclass(frozen=True)
class Pair:
    """One person's first round and one later round (never shown; only summed)."""

    user_id: int
    wave: int
    who5_change: int
    ucla3_change: int
    lonely_at_start: bool
    age_band: str
    gender: str
    met_someone: bool


@dataclass
class Cell:
    people: int | None
    who5_change: float | None
    ucla3_change: float | None


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Split:
    key: str
    title: str
    needs_linking: bool
    rows: list[Row] = field(default_factory=list)


def counted_responses(municipality: Municipality, *, purposes: tuple[str, ...]) -> QuerySet:
    """The answers that may count: from the municipality's citizens with an open yes to
    every one of `purposes`."""
    responses = Response.objects.filter(user__postcode__municipality=municipality)
    for purpose in purposes:
        responses = responses.filter(user__in=consents.consenting_users(purpose))
    return responses


def _band(age: int | None) -> str:
    if age is not None:
        for low, high in AGE_BANDS:
            if low <= age <= high:
                return f"{low}-{high}" if high < 120 else f"{low}+"
    return ""


def pairs(municipality: Municipality, *, purposes: tuple[str, ...]) -> list[Pair]:
    responses = counted_responses(municipality, purposes=purposes).select_related("user")
    by_user: dict[int, dict[int, Response]] = defaultdict(dict)
    for response in responses:
        by_user[response.user_id][response.wave] = response
    met_at: dict[int, list] = defaultdict(list)
    for user_id, answered_at in CheckIn.objects.filter(
        user_id__in=list(by_user), met=True
    ).values_list("user_id", "answered_at"):
        met_at[user_id].append(answered_at)
    found = []
    for user_id, waves in by_user.items():
        baseline = waves.get(Wave.BASELINE)
        if baseline is None:
            continue
        user = baseline.user
        age = age_on(user.birth_date, baseline.answered_at.date()) if user.birth_date else None
        for wave in FOLLOW_UPS:
            later = waves.get(wave)
            if later is None:
                continue
            found.append(
                Pair(
                    user_id=user_id,
                    wave=wave,
                    who5_change=later.who5_raw - baseline.who5_raw,
                    ucla3_change=later.ucla3_score - baseline.ucla3_score,
                    lonely_at_start=instruments.is_lonely(baseline.ucla3_score),
                    age_band=_band(age),
                    gender=user.gender,
                    met_someone=any(m <= later.answered_at for m in met_at[user_id]),
                )
            )
    return found


def _split_rows(found: list[Pair], groups: Sequence[tuple[object, object]], key) -> list[Row]:
    """Rows of one split, a column per later round: counts protected with their totals."""
    counts = [
        [sum(1 for p in found if key(p) == value and p.wave == w) for w in FOLLOW_UPS]
        for _label, value in groups
    ]
    protected = disclosure.protect_table(counts) if groups else None
    rows = []
    for i, (label, value) in enumerate(groups):
        cells = []
        for j, wave in enumerate(FOLLOW_UPS):
            people = protected.cells[i][j] if protected else None
            chosen = [p for p in found if key(p) == value and p.wave == wave]
            shown = people is not None
            cells.append(
                Cell(
                    people=people,
                    who5_change=disclosure.mean([p.who5_change for p in chosen]) if shown else None,
                    ucla3_change=disclosure.mean([p.ucla3_change for p in chosen])
                    if shown
                    else None,
                )
            )
        rows.append(Row(label=str(label), cells=cells))
    return rows


def outcome_tables(municipality: Municipality, *, research: bool = False) -> list[Split]:
    """Every split of the change from the first round, protected."""
    base = (Purpose.QUESTIONNAIRES, Purpose.RESEARCH) if research else (Purpose.QUESTIONNAIRES,)
    answers_only = pairs(municipality, purposes=base)
    linked = pairs(municipality, purposes=(*base, Purpose.OUTCOME_LINKING))
    everyone = [(_("Everyone"), True)]
    splits = [
        Split(
            "all",
            _("Everyone who answered"),
            False,
            _split_rows(answers_only, everyone, lambda p: True),
        ),
        Split(
            "lonely_at_start",
            _("Loneliness at the first round (UCLA-3)"),
            False,
            _split_rows(
                answers_only,
                [(_("Lonely (7 or more)"), True), (_("Not lonely (under 7)"), False)],
                lambda p: p.lonely_at_start,
            ),
        ),
        Split(
            "age_band",
            _("Age band at the first round"),
            True,
            _split_rows(
                linked, [(_band(low), _band(low)) for low, _high in AGE_BANDS], lambda p: p.age_band
            ),
        ),
        Split(
            "gender",
            _("Gender"),
            True,
            _split_rows(
                linked, [(label, value) for value, label in Gender.choices], lambda p: p.gender
            ),
        ),
        Split(
            "met_someone",
            _("Met someone from Belong (after-meeting check-in)"),
            True,
            _split_rows(
                linked, [(_("Met someone"), True), (_("Not yet"), False)], lambda p: p.met_someone
            ),
        ),
    ]
    return splits


WAVE_COLUMNS = [
    gettext_lazy("After 3 months"),
    gettext_lazy("After 6 months"),
    gettext_lazy("After 12 months"),
]

CODEBOOK = (
    (
        "split",
        gettext_lazy(
            "Which breakdown the row belongs to: all, lonely_at_start, age_band, gender, "
            "met_someone"
        ),
    ),
    ("group", gettext_lazy("The group within the breakdown")),
    ("months_on_belong", gettext_lazy("The later round: 3, 6 or 12 months after sign-up")),
    (
        "people",
        gettext_lazy(
            "People with answers at the first round and at this round; empty when fewer than "
            "5 or hidden so that it cannot be worked out from the totals"
        ),
    ),
    (
        "who5_change",
        gettext_lazy(
            "Mean change in the WHO-5 raw score (0-25) from the first round; positive is "
            "better; empty when over fewer than 10 people"
        ),
    ),
    (
        "ucla3_change",
        gettext_lazy(
            "Mean change in the UCLA-3 score (3-9) from the first round; negative is less "
            "lonely; empty when over fewer than 10 people"
        ),
    ),
    (
        "counted",
        gettext_lazy(
            "Only people with an open yes to answering and to research; the age, gender and "
            "meeting breakdowns also need the yes to linking answers to use"
        ),
    ),
)


def tables_csv(municipality: Municipality) -> str:
    """The researchers' tables: aggregates only, the same protection as the page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["split", "group", "months_on_belong", "people", "who5_change", "ucla3_change"])
    for split in outcome_tables(municipality, research=True):
        for row in split.rows:
            for wave, cell in zip(FOLLOW_UPS, row.cells, strict=True):
                writer.writerow(
                    [
                        split.key,
                        row.label,
                        int(wave),
                        "" if cell.people is None else cell.people,
                        "" if cell.who5_change is None else f"{cell.who5_change:.2f}",
                        "" if cell.ucla3_change is None else f"{cell.ucla3_change:.2f}",
                    ]
                )
    return out.getvalue()


def codebook_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["column", "meaning"])
    writer.writerows((column, str(meaning)) for column, meaning in CODEBOOK)
    return out.getvalue()
