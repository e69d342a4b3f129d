"""The questionnaires: their items, answer scales and scoring, and the duty-of-care rule.

The Danish texts are in the translation catalogue. WHO-5 is the Danish original from the
Psychiatric Research Unit (free to use). The UCLA 3-item scale and the item on being alone
without wanting to be follow the Danish national health survey (Sundhedsprofilen) as far
as we have its wording; until it has been checked against the published questionnaire it
is marked "not yet validated" (`validated_da`) in docs/outcomes.md and on the staff pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from belong.outcomes.models import UnwantedAlone

# Duty of care: at or beyond these a person is given a warm pointer to support.
WHO5_LOW_BELOW = 13  # raw score 0-25: under 13 suggests poor well-being
UCLA3_LONELY_FROM = 7  # score 3-9: 7 or more is lonely (as in Sundhedsprofilen)


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    intro: Promise
    items: tuple[Promise, ...]
    choices: tuple[tuple[int, Promise], ...]  # value, label; the value is what is scored
    score_range: tuple[int, int]
    validated_da: bool


WHO5 = Instrument(
    key="who5",
    name="WHO-5",
    intro=_("Over the last two weeks …"),
    items=(
        _("I have felt cheerful and in good spirits"),
        _("I have felt calm and relaxed"),
        _("I have felt active and vigorous"),
        _("I woke up feeling fresh and rested"),
        _("My daily life has been filled with things that interest me"),
    ),
    choices=(
        (5, _("All of the time")),
        (4, _("Most of the time")),
        (3, _("More than half of the time")),
        (2, _("Less than half of the time")),
        (1, _("Some of the time")),
        (0, _("At no time")),
    ),
    score_range=(0, 25),
    validated_da=True,
)

UCLA3 = Instrument(
    key="ucla3",
    name="UCLA-3",
    intro=_("How often do you feel …"),
    items=(
        _("How often do you feel that you lack companionship?"),
        _("How often do you feel left out?"),
        _("How often do you feel isolated from others?"),
    ),
    choices=(
        (1, _("Hardly ever or never")),
        (2, _("Sometimes")),
        (3, _("Often")),
    ),
    score_range=(3, 9),
    validated_da=False,
)

UNWANTED_ALONE_QUESTION = _(
    "Does it happen that you are alone, although you would rather be with other people?"
)
UNWANTED_ALONE_VALIDATED_DA = False
INSTRUMENTS = (WHO5, UCLA3)
UNWANTED_ALONE_CHOICES = UnwantedAlone.choices


def score(instrument: Instrument, answers: list[int]) -> int:
    """The sum of the answers, each checked against the instrument's scale."""
    allowed = {value for value, _label in instrument.choices}
    if len(answers) != len(instrument.items) or any(a not in allowed for a in answers):
        raise ValueError(f"answers do not fit {instrument.name}")
    return sum(answers)


def needs_care(*, who5_raw: int, ucla3_score: int) -> bool:
    """Low well-being or loneliness: the person gets a warm pointer to support."""
    return who5_raw < WHO5_LOW_BELOW or ucla3_score >= UCLA3_LONELY_FROM


def is_lonely(ucla3_score: int) -> bool:
    return ucla3_score >= UCLA3_LONELY_FROM
