"""Learning from outcomes: for each signal of the score, how often a first contact got a
reply and led to a meeting (from the check-in answers), band by band. Every figure passes
belong.core.disclosure, so no row points at a person; the weights stay explainable because
each one can be set against what its signal predicted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from belong.core import disclosure
from belong.matching.models import LifeSituation
from belong.matching.scoring import distance_between, signals
from belong.matching.services import author_person, viewer_person
from belong.messaging.models import CheckIn, Conversation
from belong.messaging.responsiveness import NEUTRAL_SCORE, responsiveness_rows

# The signals evaluated, each with its bands, in the order they are shown.
SIGNALS = {
    "shared_interest": (_("Shared interest"), ("yes", "no")),
    "distance": (_("Distance"), ("under_5", "5_15", "15_50", "over_50", "unknown")),
    "age_fit": (_("Age fits both ways"), ("yes", "no")),
    "life_situation": (_("Shared life situation"), ("yes", "no")),
    "responsiveness": (_("The author's responsiveness"), ("high", "low", "unknown")),
}
BAND_LABELS = {
    "yes": _("yes"),
    "no": _("no"),
    "under_5": _("under 5 km"),
    "5_15": _("5-15 km"),
    "15_50": _("15-50 km"),
    "over_50": _("over 50 km"),
    "unknown": _("not known"),
    "high": _("answers most"),
    "low": _("answers few"),
}
# An author who answers at least this share (of messaging's 0-100 score) counts as high.
HIGH_RESPONSIVENESS = 60


@dataclass(frozen=True)
class SignalRow:
    """One band of one signal. Counts and shares are None where disclosure hides them."""

    signal: str
    band: str
    contacts: int | None
    replied: int | None
    reply_share: float | None
    met: int | None
    meeting_share: float | None

    @property
    def signal_label(self) -> str:
        return str(SIGNALS[self.signal][0])

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


def _distance_band(km: float | None) -> str:
    if km is None:
        return "unknown"
    if km < 5:
        return "under_5"
    if km < 15:
        return "5_15"
    if km < 50:
        return "15_50"
    return "over_50"


def bands_for(conversation: Conversation, *, me, shown_mask: int, answers) -> dict[str, str]:
    """The band of each signal for one first contact: the starter is the one who sought,
    the post's author the one sought. Only the author's shown life situation counts."""
    post = conversation.post
    assert post is not None  # noqa: S101  (only contacts about a post are evaluated)
    row = answers.get(post.author_id)
    history = row is not None and row.first_contacts >= 2
    them = author_person(
        post, shown_mask=shown_mask, responsiveness=row.score if history else NEUTRAL_SCORE
    )
    km = distance_between(me, them)
    values = signals(me, them, km=km, age_days=0)
    if not history:
        responsiveness = "unknown"
    elif row.score >= HIGH_RESPONSIVENESS:
        responsiveness = "high"
    else:
        responsiveness = "low"
    age_fits = values["their_age_fits_me"] == 1 and values["my_age_fits_them"] == 1
    return {
        "shared_interest": "yes" if values["shared_interests"] > 0 else "no",
        "distance": _distance_band(km),
        "age_fit": "yes" if age_fits else "no",
        "life_situation": "yes" if values["shared_situation"] else "no",
        "responsiveness": responsiveness,
    }


def _contacts() -> Iterable[Conversation]:
    return (
        Conversation.objects.filter(post__isnull=False)
        .select_related("post", "starter__postcode__municipality__region")
        .order_by("pk")
        .iterator(chunk_size=500)
    )


def evaluate_signals() -> list[SignalRow]:
    """Every band of every signal: contacts, replies and meetings, under disclosure."""
    met_ids = set(
        CheckIn.objects.filter(met=True).values_list("meeting__conversation_id", flat=True)
    )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    people: dict[int, object] = {}
    batch: list[Conversation] = []

    def flush() -> None:
        authors = {c.post.author_id for c in batch if c.post is not None}
        shown = dict(
            LifeSituation.objects.filter(user_id__in=authors).values_list("user_id", "shown_mask")
        )
        answers = responsiveness_rows(authors)
        for conversation in batch:
            starter = conversation.starter
            if starter.pk not in people:
                people[starter.pk] = viewer_person(starter)
            bands = bands_for(
                conversation,
                me=people[starter.pk],
                shown_mask=shown.get(conversation.post.author_id, 0),  # type: ignore[union-attr]
                answers=answers,
            )
            for signal, band in bands.items():
                cell = counts[(signal, band)]
                cell[0] += 1
                cell[1] += conversation.answered_at is not None
                cell[2] += conversation.pk in met_ids
        batch.clear()

    for conversation in _contacts():
        batch.append(conversation)
        if len(batch) == 500:
            flush()
    flush()
    rows = []
    for signal, (_label, bands) in SIGNALS.items():
        for band in bands:
            contacts, replied, met = counts.get((signal, band), [0, 0, 0])
            rows.append(
                SignalRow(
                    signal=signal,
                    band=band,
                    contacts=disclosure.cell(contacts),
                    replied=disclosure.cell(replied),
                    reply_share=disclosure.share(replied, contacts) if contacts else None,
                    met=disclosure.cell(met),
                    meeting_share=disclosure.share(met, contacts) if contacts else None,
                )
            )
    return rows
