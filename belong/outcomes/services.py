"""Asking and answering: which round is due, saving a round's answers once, the one gentle
reminder per round, and what goes when the yes to answering is taken back."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from belong.accounts import consents
from belong.accounts.models import User
from belong.core import clock
from belong.messaging.notifications import owe_email
from belong.outcomes import instruments
from belong.outcomes.models import Reminder, Response, UnwantedAlone, Wave

WAVES = tuple(Wave.values)  # 0, 3, 6, 12
# A round stays open until the next one begins; the last for three months.
LAST_WAVE_OPEN_MONTHS = 3
# The one reminder comes when a round has waited this long without an answer.
REMINDER_AFTER_DAYS = 7
QUESTIONNAIRES = consents.Purpose.QUESTIONNAIRES


class AnswerRefused(Exception):
    """The answers cannot be taken: no yes to answering, or no round is open."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError("no such month")  # pragma: no cover


def wave_opens(user: User, wave: int) -> datetime.date:
    return add_months(user.date_joined.date(), wave)


def wave_closes(user: User, wave: int) -> datetime.date:
    later = [w for w in WAVES if w > wave]
    return add_months(user.date_joined.date(), later[0] if later else wave + LAST_WAVE_OPEN_MONTHS)


def open_wave(user: User, today: datetime.date | None = None) -> int | None:
    """The round open today for `user`, or None (between rounds nothing is asked)."""
    today = today or clock.today()
    for wave in reversed(WAVES):
        if wave_opens(user, wave) <= today < wave_closes(user, wave):
            return wave
    return None


def due_wave(user: User, today: datetime.date | None = None) -> int | None:
    """The open round, if the citizen said yes to answering and has not answered it yet."""
    if not consents.has_consent(user, QUESTIONNAIRES):
        return None
    wave = open_wave(user, today)
    if wave is None or Response.objects.filter(user=user, wave=wave).exists():
        return None
    return wave


def next_wave_opens(user: User, today: datetime.date | None = None) -> datetime.date | None:
    today = today or clock.today()
    later = [wave_opens(user, w) for w in WAVES if wave_opens(user, w) > today]
    return later[0] if later else None


def answer(
    *,
    user: User,
    who5: list[int],
    ucla3: list[int],
    unwanted_alone: str,
    now: datetime.datetime | None = None,
) -> Response:
    """Save the open round's answers, once. Needs the yes to answering."""
    now = now or clock.now()
    wave = due_wave(user, timezone.localdate(now))
    if wave is None:
        raise AnswerRefused
    if unwanted_alone not in UnwantedAlone.values:
        raise ValueError("not an answer to the item on being alone")
    try:
        with transaction.atomic():
            return Response.objects.create(
                user=user,
                wave=wave,
                answered_at=now,
                who5_items=list(who5),
                who5_raw=instruments.score(instruments.WHO5, list(who5)),
                ucla3_items=list(ucla3),
                ucla3_score=instruments.score(instruments.UCLA3, list(ucla3)),
                unwanted_alone=unwanted_alone,
            )
    except IntegrityError:  # a second tab answered the same round
        raise AnswerRefused from None


def own_latest_response(user: User) -> Response | None:
    """The citizen's own last answers: for them alone, to point them to support."""
    return Response.objects.filter(user=user).order_by("-answered_at", "-pk").first()


def delete_answers(user: User) -> int:
    """Taking back the yes to answering deletes every answer and reminder: they count in
    no figure from then on."""
    Reminder.objects.filter(user=user).delete()
    return Response.objects.filter(user=user).delete()[0]


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """One gentle e-mail per round to a citizen who said yes to answering and whose round has
    waited REMINDER_AFTER_DAYS without an answer; never a second one for the same round."""
    now = now or clock.now()
    today = timezone.localdate(now)
    sent = 0
    people = consents.consenting_users(QUESTIONNAIRES).filter(is_active=True)
    for user in people.exclude(email__isnull=True).exclude(email="").iterator():
        wave = due_wave(user, today)
        if wave is None:
            continue
        if (today - wave_opens(user, wave)).days < REMINDER_AFTER_DAYS:
            continue
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(
                user=user, wave=wave, defaults={"sent_at": now}
            )
            if created:
                owe_email("questionnaire", user, None, key_id=wave)
                sent += 1
    return sent
