"""Support requests: asking for a facilitator, withdrawing, and the facilitators' work on
them. Pages, the API and the demo all call these functions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.limits import hit
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.support.models import (
    OPEN_STATUSES,
    SupportContact,
    SupportKind,
    SupportNote,
    SupportOutcome,
    SupportRequest,
    SupportStatus,
)

FACILITATOR = StaffRole.Role.FACILITATOR


class SupportRefused(Exception):
    """A request that cannot be made or changed; `message` is for the citizen or staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- The citizen's side --------------------------------------------------------------------


def open_request_of(citizen: User) -> SupportRequest | None:
    return SupportRequest.objects.open().filter(citizen=citizen).order_by("-created_at").first()


def request_support(
    *, citizen: User, kind: str, contact: str, phone: str = "", message: str = ""
) -> SupportRequest:
    """Ask the citizen's municipality for a facilitator. One open request at a time: a second
    ask while one waits returns the waiting one, so a double click never queues twice."""
    if kind not in SupportKind.values or contact not in SupportContact.values:
        raise SupportRefused(_("Please choose what you would like and how we reach you."))
    municipality = citizen.municipality
    if municipality is None:
        raise SupportRefused(_("We do not know your municipality yet. Please add your postcode."))
    phone = "".join(phone.split())
    if contact == SupportContact.PHONE and not phone:
        raise SupportRefused(_("Please write your phone number, so we can call you."))
    if contact == SupportContact.EMAIL and not citizen.email:
        raise SupportRefused(_("You have no e-mail address with us. Please choose another way."))
    existing = open_request_of(citizen)
    if existing is not None:
        return existing
    hit("support_request", f"user:{citizen.pk}")
    return SupportRequest.objects.create(
        citizen=citizen,
        municipality=municipality,
        kind=kind,
        contact=contact,
        phone=phone if contact == SupportContact.PHONE else "",
        message=message.strip(),
    )


def requests_of(citizen: User) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(citizen=citizen).order_by("-created_at")


def earlier_requests_of(citizen: User) -> QuerySet[SupportRequest]:
    return requests_of(citizen).exclude(status__in=OPEN_STATUSES)


def get_support_request_for_citizen(citizen: User, pk: int) -> SupportRequest:
    """The citizen's own request, or 404 for anyone else's id."""
    try:
        return requests_of(citizen).get(pk=pk)
    except SupportRequest.DoesNotExist:
        raise Http404 from None


def notes_for_citizen(support_request: SupportRequest) -> QuerySet[SupportNote]:
    """What the citizen may read of the notes: only those written to them."""
    return support_request.notes.filter(to_citizen=True)


def withdraw(*, citizen: User, support_request: SupportRequest) -> SupportRequest:
    if support_request.citizen_id != citizen.pk:
        raise Http404
    if support_request.is_open:
        support_request.status = SupportStatus.WITHDRAWN
        support_request.closed_at = clock.now()
        support_request.save(update_fields=["status", "closed_at"])
    return support_request


# --- The facilitators' side ----------------------------------------------------------------


def support_queue_for(staff: User) -> QuerySet[SupportRequest]:
    """The requests a facilitator may see: those of the municipalities where they hold it.
    The list shows no contact details; opening one does, and is logged."""
    municipalities = municipalities_for(staff, FACILITATOR)
    return SupportRequest.objects.filter(municipality__in=municipalities).select_related(
        "municipality", "assigned_to"
    )


def get_support_request_for_staff(staff: User, pk: int) -> SupportRequest:
    try:
        return support_queue_for(staff).select_related("citizen").get(pk=pk)
    except SupportRequest.DoesNotExist:
        raise Http404 from None


def open_support_request(*, staff: User, support_request: SupportRequest) -> SupportRequest:
    """Show a request and the citizen's contact details to `staff`: logged first."""
    record_staff_access(
        staff=staff,
        subject=support_request.citizen,
        municipality=support_request.municipality,
        action=f"support_request:{support_request.pk}",
        reason="Facilitator: working a support request",
    )
    return support_request


def _require_open(support_request: SupportRequest) -> None:
    if not support_request.is_open:
        raise SupportRefused(_("This request is no longer open."))


def _facilitators_of(support_request: SupportRequest) -> QuerySet[User]:
    return User.objects.filter(
        staff_roles__municipality=support_request.municipality, staff_roles__role=FACILITATOR
    ).distinct()


def facilitators_for(support_request: SupportRequest) -> QuerySet[User]:
    return _facilitators_of(support_request).order_by("display_name")


def assign(
    *, staff: User, support_request: SupportRequest, assignee: User | None = None
) -> SupportRequest:
    """Give the request to `assignee` (by default the one acting), a facilitator there."""
    _require_open(support_request)
    assignee = assignee or staff
    if not has_role(assignee, FACILITATOR, municipality=support_request.municipality):
        raise SupportRefused(_("Only a facilitator in this municipality can take the request."))
    support_request.assigned_to = assignee
    support_request.assigned_at = clock.now()
    support_request.status = SupportStatus.ASSIGNED
    support_request.save(update_fields=["assigned_to", "assigned_at", "status"])
    return support_request


def add_note(
    *, staff: User, support_request: SupportRequest, body: str, to_citizen: bool = False
) -> SupportNote:
    """A private note for staff, or (`to_citizen`) a message to the citizen from the
    municipality, shown on their request and e-mailed to them after commit."""
    body = body.strip()
    if not body:
        raise SupportRefused(_("Please write something first."))
    if to_citizen:
        _require_open(support_request)
    note = SupportNote.objects.create(
        request=support_request,
        author=staff,
        body=body,
        to_citizen=to_citizen,
        created_at=clock.now(),
    )
    if to_citizen:
        from belong.support.tasks import send_support_note_email

        transaction.on_commit(lambda: send_support_note_email.enqueue(note.pk))
    return note


def close(*, staff: User, support_request: SupportRequest, outcome: str) -> SupportRequest:
    _require_open(support_request)
    if outcome not in SupportOutcome.values:
        raise SupportRefused(_("Please choose how it went."))
    support_request.status = SupportStatus.CLOSED
    support_request.outcome = outcome
    support_request.closed_at = clock.now()
    if support_request.assigned_to_id is None:
        support_request.assigned_to = staff
        support_request.assigned_at = support_request.closed_at
    support_request.save(
        update_fields=["status", "outcome", "closed_at", "assigned_to", "assigned_at"]
    )
    return support_request
