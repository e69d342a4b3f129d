"""Meetings and check-ins: moving from chat to a first meeting in a public place, and the
private "how did it go?" afterwards."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.messaging.models import (
    CheckIn,
    Conversation,
    HowItFelt,
    MeetAgain,
    Meeting,
    MeetingStatus,
    MessageKind,
)
from belong.messaging.notifications import owe_email
from belong.messaging.services import send_message


def _clean_place(place: str) -> str:
    place = " ".join((place or "").split())
    if not place:
        raise ValidationError(_("Write a public place where you can meet, e.g. a café."))
    if len(place) > 200:
        raise ValidationError(_("Keep the place short: at most 200 characters."))
    return place


# A first meeting is planned for the coming weeks, not for a far-off year.
MEETING_HORIZON = datetime.timedelta(days=366)


def check_meeting_time(starts_at: datetime.datetime, *, now: datetime.datetime) -> None:
    """A suggested meeting lies ahead, and within a year."""
    if starts_at <= now:
        raise ValidationError(_("Choose a time in the future."), code="meeting_past")
    if starts_at > now + MEETING_HORIZON:
        raise ValidationError(_("Choose a time within the next year."), code="meeting_far")


def check_meeting_day(day: datetime.date, *, today: datetime.date) -> None:
    """The day alone already tells a past or a far-off meeting (and keeps dates such as
    9999-12-31 away from time-zone arithmetic)."""
    if day < today:
        raise ValidationError(_("Choose a time in the future."), code="meeting_past")
    if day > today + MEETING_HORIZON:
        raise ValidationError(_("Choose a time within the next year."), code="meeting_far")


def propose_meeting(
    *,
    proposer: User,
    conversation: Conversation,
    starts_at: datetime.datetime,
    place: str,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Suggest a date, a time and a public place. A new suggestion replaces an open one."""
    now = now or clock.now()
    if not conversation.is_participant(proposer):
        raise Http404
    if not conversation.is_open:
        raise ValidationError(_("This conversation has ended. You cannot write more here."))
    place = _clean_place(place)
    check_meeting_time(starts_at, now=now)
    with transaction.atomic():
        conversation.meetings.filter(status=MeetingStatus.PROPOSED).update(
            status=MeetingStatus.REPLACED, answered_at=now
        )
        meeting = Meeting.objects.create(
            conversation=conversation,
            proposed_by=proposer,
            starts_at=starts_at,
            place=place,
            created_at=now,
        )
        when = date_format(timezone.localtime(starts_at), "WEEKDAY_DATETIME_FORMAT")
        send_message(
            sender=proposer,
            conversation=conversation,
            body=_("Shall we meet? %(when)s, %(place)s") % {"when": when, "place": place},
            client_token=f"meeting-{meeting.pk}",
            now=now,
            kind=MessageKind.MEETING,
            meeting=meeting,
        )
        owe_email("meeting", conversation.other(proposer), conversation, key_id=meeting.pk)
    return meeting


ANSWERS = {"accept": MeetingStatus.ACCEPTED, "decline": MeetingStatus.DECLINED}


def get_meeting_for_user(user: User, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("conversation").get(
            Q(conversation__starter=user) | Q(conversation__recipient=user), pk=pk
        )
    except Meeting.DoesNotExist:
        raise Http404 from None


def answer_meeting(
    *, user: User, meeting: Meeting, answer: str, now: datetime.datetime | None = None
) -> Meeting:
    """Accept or decline a suggested meeting (to suggest another time, propose one)."""
    now = now or clock.now()
    conversation = meeting.conversation
    if not conversation.is_participant(user):
        raise Http404
    if answer not in ANSWERS:
        raise ValidationError(_("Choose an answer."))
    if meeting.proposed_by_id == user.pk:
        raise ValidationError(_("The other person answers your suggestion."))
    with transaction.atomic():
        updated = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.PROPOSED).update(
            status=ANSWERS[answer], answered_at=now
        )
        if not updated:
            raise ValidationError(_("This suggestion has already been answered."))
        meeting.status = ANSWERS[answer]
        meeting.answered_at = now
        body = (
            _("Yes, let us meet then. See you!")
            if answer == "accept"
            else _("That time does not suit me, unfortunately.")
        )
        send_message(
            sender=user,
            conversation=conversation,
            body=body,
            client_token=f"meeting-{meeting.pk}-{answer}",
            now=now,
            kind=MessageKind.MEETING,
            meeting=meeting,
        )
    return meeting


def due_checkins(
    user: User,
    conversation: Conversation,
    now: datetime.datetime | None = None,
    *,
    known: list[Meeting] | None = None,
) -> list[Meeting]:
    """Agreed meetings whose time has come that `user` has not yet told us about. `known`:
    the conversation's meetings, already fetched (`open_suggestion` reads them too)."""
    now = now or clock.now()
    if known is None:
        known = list(conversation.meetings.all())
    due = [m for m in known if m.status == MeetingStatus.ACCEPTED and m.starts_at <= now]
    if not due:
        return []
    answered = set(
        CheckIn.objects.filter(meeting__in=due, user=user).values_list("meeting_id", flat=True)
    )
    return [meeting for meeting in due if meeting.pk not in answered]


def open_suggestion(known: list[Meeting]) -> Meeting | None:
    """The newest suggestion still unanswered among a conversation's meetings, however far
    back in the conversation it was made."""
    proposed = [m for m in known if m.status == MeetingStatus.PROPOSED]
    return max(proposed, key=lambda m: (m.created_at, m.pk)) if proposed else None


def answer_checkin(
    *,
    user: User,
    meeting: Meeting,
    met: bool,
    meet_again: str = "",
    felt: int | None = None,
    now: datetime.datetime | None = None,
) -> CheckIn:
    """Store a private answer after an agreed meeting. Never shown to the other person."""
    now = now or clock.now()
    if not meeting.conversation.is_participant(user):
        raise Http404
    if meeting.status != MeetingStatus.ACCEPTED or meeting.starts_at > now:
        raise ValidationError(_("You can tell us how it went after the meeting."))
    if meet_again and meet_again not in MeetAgain.values:
        raise ValidationError(_("Choose an answer."))
    if felt is not None and felt not in HowItFelt.values:
        raise ValidationError(_("Choose how it felt, or leave it empty."))
    checkin, _created = CheckIn.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults={
            "met": met,
            "meet_again": meet_again if met else "",
            "felt": felt if met else None,
            "answered_at": now,
        },
    )
    return checkin


def send_due_checkins(*, now: datetime.datetime | None = None) -> list[int]:
    """The day after an agreed meeting, ask both people privately how it went: once per
    meeting (`checkin_sent_at`), by e-mail and in the inbox."""
    now = now or clock.now()
    start_of_today = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(now), datetime.time.min)
    )
    due = Meeting.objects.filter(
        status=MeetingStatus.ACCEPTED, checkin_sent_at__isnull=True, starts_at__lt=start_of_today
    ).select_related("conversation")
    sent = []
    for meeting in due:
        with transaction.atomic():
            claimed = Meeting.objects.filter(pk=meeting.pk, checkin_sent_at__isnull=True).update(
                checkin_sent_at=now
            )
            if not claimed:
                continue
            conversation = meeting.conversation
            for person in (conversation.starter_id, conversation.recipient_id):
                owe_email("checkin", person, conversation, key_id=meeting.pk)
            sent.append(meeting.pk)
    return sent


def pending_checkins(user: User, *, now: datetime.datetime | None = None) -> list[Meeting]:
    """Agreed meetings that have taken place and that `user` has not told us about yet,
    across all their conversations: shown in the inbox and the API."""
    now = now or clock.now()
    return list(
        Meeting.objects.filter(
            Q(conversation__starter=user) | Q(conversation__recipient=user),
            status=MeetingStatus.ACCEPTED,
            starts_at__lte=now,
        )
        .exclude(checkins__user=user)
        .select_related("conversation")
        .order_by("-starts_at")
    )
