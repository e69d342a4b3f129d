"""What a reader may see of another person: a display name and a coarse age band, never
the birth date or the exact age. Search filters by age in the same bands."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from belong.accounts.models import ADULT_AGE

YOUTH_BAND = (13, ADULT_AGE - 1)
YOUNG_ADULT_BAND = (ADULT_AGE, 19)
# The oldest age anyone searches for or is shown in a band.
OLDEST = 120


def age_band_of(age: int | None) -> tuple[int, int] | None:
    """The band an age falls in: 13-17, 18-19, then whole decades (30-39 ...)."""
    if age is None:
        return None
    if age < ADULT_AGE:
        return YOUTH_BAND
    if age < 20:
        return YOUNG_ADULT_BAND
    low = age // 10 * 10
    return (low, low + 9)


def age_band_text(age: int | None) -> str:
    band = age_band_of(age)
    return f"{band[0]}-{band[1]}" if band else ""


def snap_age_range(age_min: int | None, age_max: int | None) -> tuple[int | None, int | None]:
    """Widen an age filter to whole bands, so that a search never tells more about a person
    than their post shows: 34 to 34 searches 30 to 39."""
    low_band = age_band_of(age_min)
    if low_band is not None:
        age_min = max(low_band[0], YOUTH_BAND[0])
    high_band = age_band_of(age_max)
    if high_band is not None:
        age_max = min(high_band[1], OLDEST)
    return age_min, age_max


@dataclass(frozen=True)
class PersonForReader:
    pk: int
    display_name: str
    age_band: str
    age_verified: bool = False  # the birth date came from MitID: shown as "age verified"


def person_for_reader(person, reader=None) -> PersonForReader:
    """Another person as a reader sees them (the same for every reader today; the reader
    is named so that a rule that depends on them has one place to live)."""
    return PersonForReader(
        pk=person.pk,
        # An erased account keeps its id (the other person's conversation still names it).
        display_name=person.display_name or gettext("Deleted user"),
        age_band=age_band_text(person.age()),
        age_verified=bool(getattr(person, "age_verified_at", None)),
    )
