"""Help requests: citizens ask their municipality's IT support, IT supporters answer them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from belong.accounts.models import User
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.limits import hit
from belong.municipalities.models import HelpRequest, StaffRole
from belong.municipalities.services import municipalities_for
from belong.places.models import Municipality


def request_help(
    *,
    citizen: User | None,
    limit_key: str,
    municipality: Municipality,
    name: str,
    contact: str,
    email: str = "",
    phone: str = "",
    description: str,
) -> HelpRequest:
    """File a help request; raises RateLimited when `limit_key` has asked too often."""
    hit("help_request", limit_key)
    return HelpRequest.objects.create(
        municipality=municipality,
        citizen=citizen if citizen is not None and citizen.is_authenticated else None,
        name=name.strip(),
        contact=contact,
        email=email.strip() if contact == HelpRequest.Contact.EMAIL else "",
        phone=phone.strip() if contact == HelpRequest.Contact.PHONE else "",
        description=description.strip(),
    )


def help_queue_for(staff: User) -> QuerySet[HelpRequest]:
    """The requests an IT supporter may see: those of the municipalities where they hold it."""
    municipalities = municipalities_for(staff, StaffRole.Role.IT_SUPPORTER)
    return HelpRequest.objects.filter(municipality__in=municipalities).select_related(
        "municipality", "handled_by"
    )


def get_help_request_for_staff(staff: User, pk: int) -> HelpRequest:
    try:
        return help_queue_for(staff).get(pk=pk)
    except HelpRequest.DoesNotExist:
        raise Http404 from None


def open_help_request(*, staff: User, help_request: HelpRequest) -> HelpRequest:
    """Show a request's contact details to `staff`: logged in the staff-access log first."""
    record_staff_access(
        staff=staff,
        subject=help_request.citizen,
        municipality=help_request.municipality,
        action=f"help_request:{help_request.pk}",
        reason="IT support: answering a help request",
    )
    return help_request


def mark_handled(*, staff: User, help_request: HelpRequest, now=None) -> HelpRequest:
    if help_request.handled_at is None:
        help_request.handled_at = now or clock.now()
        help_request.handled_by = staff
        help_request.save(update_fields=["handled_at", "handled_by"])
    return help_request
