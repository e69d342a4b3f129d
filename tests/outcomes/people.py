"""Citizens who answered the questionnaires through the real services, at real moments."""

from __future__ import annotations

import datetime

from belong.accounts import consents
from belong.core import clock
from belong.outcomes import services
from tests.factories import UserFactory

JOINED = datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC)


def who5_items(raw: int) -> list[int]:
    """Five answers of 0-5 adding up to `raw`."""
    items = []
    for _ in range(5):
        value = min(5, raw)
        items.append(value)
        raw -= value
    return items


def ucla3_items(score: int) -> list[int]:
    """Three answers of 1-3 adding up to `score` (3-9)."""
    items = [1, 1, 1]
    extra = score - 3
    for i in range(3):
        step = min(2, extra)
        items[i] += step
        extra -= step
    return items


def answer(user, *, who5: int, ucla3: int, when: datetime.datetime, alone: str = "sometimes"):
    with clock.set_to(when):
        return services.answer(
            user=user, who5=who5_items(who5), ucla3=ucla3_items(ucla3), unwanted_alone=alone
        )


def member(
    postcode,
    *,
    start: tuple[int, int] = (10, 7),
    later: tuple[int, int] | None = (15, 5),
    linking: bool = True,
    research: bool = False,
    joined: datetime.datetime = JOINED,
    **fields,
):
    """A citizen who joined on `joined`, said yes to answering (and to linking or research as
    asked), answered at sign-up (WHO-5, UCLA-3 = `start`) and after 3 months (`later`)."""
    user = UserFactory(postcode=postcode, date_joined=joined, **fields)
    with clock.set_to(joined + datetime.timedelta(hours=1)):
        consents.give(user=user, purpose=consents.Purpose.QUESTIONNAIRES, via="questionnaire")
        if linking:
            consents.give(user=user, purpose=consents.Purpose.OUTCOME_LINKING, via="questionnaire")
        if research:
            consents.give(user=user, purpose=consents.Purpose.RESEARCH, via="questionnaire")
    answer(user, who5=start[0], ucla3=start[1], when=joined + datetime.timedelta(hours=2))
    if later is not None:
        answer(user, who5=later[0], ucla3=later[1], when=joined + datetime.timedelta(days=95))
    return user
