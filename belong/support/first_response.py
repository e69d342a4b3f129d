"""The first human response: citizens who agreed to it, and whom nobody has answered, are
listed for their municipality's facilitators, who may write them a first warm message as
the municipality. The console shows only what is needed, and every look is logged."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from belong.accounts.models import User
from belong.accounts.projections import age_band_text
from belong.core import clock
from belong.core.access_log import record_staff_access, record_staff_accesses
from belong.messaging.models import Conversation, ConversationStatus, Message
from belong.messaging.staff import staff_conversations_to, start_staff_conversation
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.places.models import Municipality, Postcode
from belong.posts.models import Post, Status
from belong.support.models import (
    DEFAULT_NO_CONTACT_DAYS,
    FirstResponseConsent,
    FirstResponseSetting,
    YouthClearance,
)

FACILITATOR = StaffRole.Role.FACILITATOR
# First contacts in a row that went unanswered before the console lists the one who wrote.
UNANSWERED_IN_A_ROW = 3
# The console lists at most this many people at a time, those waiting longest first.
SHOWN = 100


class FirstResponseRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- The citizen's consent -------------------------------------------------------------------


def has_agreed(citizen: User) -> bool:
    return FirstResponseConsent.objects.filter(citizen=citizen).exists()


def agree(*, citizen: User) -> FirstResponseConsent:
    consent, _created = FirstResponseConsent.objects.get_or_create(
        citizen=citizen, defaults={"agreed_at": clock.now()}
    )
    return consent


def withdraw_consent(*, citizen: User) -> None:
    FirstResponseConsent.objects.filter(citizen=citizen).delete()


# --- The municipality's setting and who may write to minors ------------------------------------


def no_contact_days(municipality: Municipality) -> int:
    row = FirstResponseSetting.objects.filter(municipality=municipality).first()
    return row.no_contact_days if row else DEFAULT_NO_CONTACT_DAYS


def set_no_contact_days(*, staff: User, municipality: Municipality, days: int) -> None:
    if not has_role(staff, FACILITATOR, StaffRole.Role.ADMINISTRATOR, municipality=municipality):
        raise Http404
    if not 1 <= days <= 60:
        raise FirstResponseRefused(_("Please choose between 1 and 60 days."))
    FirstResponseSetting.objects.update_or_create(
        municipality=municipality, defaults={"no_contact_days": days}
    )


def clear_for_youth(*, administrator: User, facilitator: User, municipality: Municipality) -> None:
    """An administrator clears a facilitator there to write to young people under 18."""
    if not has_role(administrator, StaffRole.Role.ADMINISTRATOR, municipality=municipality):
        raise Http404
    if not has_role(facilitator, FACILITATOR, municipality=municipality):
        raise FirstResponseRefused(_("Only a facilitator in this municipality can be cleared."))
    YouthClearance.objects.get_or_create(
        facilitator=facilitator,
        municipality=municipality,
        defaults={"granted_by": administrator, "granted_at": clock.now()},
    )


def may_write_to_minors(staff: User, municipality: Municipality) -> bool:
    return YouthClearance.objects.filter(facilitator=staff, municipality=municipality).exists()


# --- The console -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsoleRow:
    """What a facilitator sees of one person: nothing more than this."""

    citizen_id: int
    display_name: str
    age_band: str
    area: str
    municipality_id: int
    post_id: int | None
    post_title: str
    post_excerpt: str
    why: str
    since: datetime.datetime


def _unanswered_since(citizen_ids) -> dict[int, datetime.datetime]:
    """For each citizen whose latest first contacts all ended in silence (3 in a row), when
    the last of them was closed."""
    rows = (
        Conversation.objects.filter(starter_id__in=list(citizen_ids), from_municipality=None)
        .order_by("starter_id", "-created_at", "-pk")
        .values_list("starter_id", "status", "answered_at", "closed_at")
    )
    latest: dict[int, list[tuple[str, object, datetime.datetime | None]]] = {}
    for starter_id, status, answered_at, closed_at in rows:
        kept = latest.setdefault(starter_id, [])
        if len(kept) < UNANSWERED_IN_A_ROW:
            kept.append((status, answered_at, closed_at))
    found = {}
    for starter_id, kept in latest.items():
        silent = [
            closed_at
            for status, answered_at, closed_at in kept
            if status == ConversationStatus.CLOSED and answered_at is None and closed_at
        ]
        if len(silent) == UNANSWERED_IN_A_ROW:
            found[starter_id] = max(silent)
    return found


def _uncontacted_posts(citizen_ids, now, days_by_municipality) -> dict[int, Post]:
    """Each citizen's oldest published post that nobody has written to for N days."""
    posts = (
        Post.objects.filter(author_id__in=list(citizen_ids), status=Status.PUBLISHED)
        .exclude(pk__in=Conversation.objects.filter(post__isnull=False).values("post"))
        .only("author_id", "title", "body", "published_at", "municipality_id")
        .order_by("published_at", "pk")
    )
    found: dict[int, Post] = {}
    for post in posts:
        days = days_by_municipality.get(post.municipality_id, DEFAULT_NO_CONTACT_DAYS)
        if post.published_at and post.published_at <= now - datetime.timedelta(days=days):
            found.setdefault(post.author_id, post)
    return found


def _why(post: Post | None, days: int) -> str:
    if post is not None:
        return ngettext(
            "Nobody has written to their post for %(days)s day.",
            "Nobody has written to their post for %(days)s days.",
            days,
        ) % {"days": days}
    return _("Their last %(count)s first messages were not answered.") % {
        "count": UNANSWERED_IN_A_ROW
    }


def console_rows(staff: User, *, now: datetime.datetime | None = None) -> list[ConsoleRow]:
    """The people `staff` may write to now, longest waiting first, in a bounded number of
    queries however many there are. Nobody who has not agreed; no minor unless `staff` is
    cleared for young people there; nobody the municipality has already written to since."""
    now = now or clock.now()
    municipality_ids = set(municipalities_for(staff, FACILITATOR).values_list("pk", flat=True))
    if not municipality_ids:
        return []
    cleared = set(
        YouthClearance.objects.filter(
            facilitator=staff, municipality_id__in=municipality_ids
        ).values_list("municipality_id", flat=True)
    )
    days_by_municipality = dict(
        FirstResponseSetting.objects.filter(municipality_id__in=municipality_ids).values_list(
            "municipality_id", "no_contact_days"
        )
    )
    consents = FirstResponseConsent.objects.filter(
        citizen__postcode__municipality_id__in=municipality_ids, citizen__is_active=True
    ).select_related("citizen__postcode")
    people: dict[int, tuple[User, Postcode]] = {}
    for consent in consents:
        person, postcode = consent.citizen, consent.citizen.postcode
        if postcode is None or person.pk == staff.pk:
            continue
        if person.is_youth and postcode.municipality_id not in cleared:
            continue  # only a facilitator cleared for young people sees a minor
        people[person.pk] = (person, postcode)
    if not people:
        return []
    posts = _uncontacted_posts(people, now, days_by_municipality)
    silent = _unanswered_since(people)
    written = staff_conversations_to(people)
    rows = []
    for pk, (person, postcode) in people.items():
        post = posts.get(pk)
        municipality_id = postcode.municipality_id
        days = days_by_municipality.get(municipality_id, DEFAULT_NO_CONTACT_DAYS)
        if post is not None and post.published_at:
            since = post.published_at
        elif pk in silent:
            since = silent[pk]
            post = None
        else:
            continue
        if pk in written and written[pk] >= since:
            continue
        rows.append(
            ConsoleRow(
                citizen_id=pk,
                display_name=person.display_name,
                age_band=age_band_text(person.age()),
                area=postcode.name,
                municipality_id=municipality_id,
                post_id=post.pk if post else None,
                post_title=post.title if post else "",
                post_excerpt=Truncator(post.body).chars(300) if post else "",
                why=_why(post, max(days, (now - since).days)),
                since=since,
            )
        )
    rows.sort(key=lambda row: (row.since, row.citizen_id))
    return rows[:SHOWN]


def open_console(*, staff: User, now: datetime.datetime | None = None) -> list[ConsoleRow]:
    """The console's rows for `staff`, each look written to the staff-access log first."""
    rows = console_rows(staff, now=now)
    record_staff_accesses(
        staff=staff,
        subjects=[(row.citizen_id, row.municipality_id) for row in rows],
        action="first_response_console",
        reason="Facilitator: citizens nobody has answered",
    )
    return rows


def get_console_row(staff: User, citizen_pk: int) -> ConsoleRow:
    """One person as the console lists them for `staff`, or 404 for anyone not listed."""
    for row in console_rows(staff):
        if row.citizen_id == citizen_pk:
            return row
    raise Http404


def open_console_row(*, staff: User, row: ConsoleRow) -> ConsoleRow:
    record_staff_access(
        staff=staff,
        subject=User.objects.get(pk=row.citizen_id),
        municipality=Municipality.objects.get(pk=row.municipality_id),
        action=f"first_response:{row.citizen_id}",
        reason="Facilitator: writing a first warm message",
    )
    return row


def write_first_response(*, staff: User, row: ConsoleRow, body: str) -> Message:
    """Write to the person as the municipality. `row` comes from `get_console_row`, so only
    someone listed for `staff` (agreed, not yet written to, a minor only when cleared)."""
    citizen = User.objects.get(pk=row.citizen_id)
    municipality = Municipality.objects.get(pk=row.municipality_id)
    post = Post.objects.filter(pk=row.post_id).first() if row.post_id else None
    try:
        return start_staff_conversation(
            staff=staff, municipality=municipality, citizen=citizen, post=post, body=body
        )
    except ValidationError as error:
        raise FirstResponseRefused(" ".join(error.messages)) from None
    except IntegrityError:
        raise FirstResponseRefused(_("You have already written to this person.")) from None
