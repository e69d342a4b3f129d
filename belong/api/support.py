"""Support from a facilitator, as the support page offers it: ask, follow, withdraw."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

from ninja import Router, Status
from pydantic import Field

from belong.api.common import ERRORS, LIMIT, ApiProblem, Closed, clean_with, schema_from_form
from belong.support import services
from belong.support.forms import PHONE_AS_WRITTEN, SupportRequestForm

router = Router(tags=["support"])

if TYPE_CHECKING:

    class SupportRequestIn(Closed):
        """For the type checker: the schema built below from the form."""

else:
    SupportRequestIn = schema_from_form(
        SupportRequestForm,
        name="SupportRequestIn",
        doc="`phone` is needed when `contact` is `phone`, and `email` needs an e-mail address "
        "on the profile (422 otherwise).",
        extra={
            "phone": (
                Annotated[str, Field(max_length=20, pattern=PHONE_AS_WRITTEN)],
                "",
            )
        },
    )


class SupportMessageOut(Closed):
    body: str
    created_at: datetime.datetime


class SupportRequestOut(Closed):
    id: int
    kind: str
    contact: str
    status: str
    status_label: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    # What the municipality's facilitators wrote to the citizen; staff's notes are never here.
    messages: list[SupportMessageOut]


def _out(support_request) -> dict:
    return {
        "id": support_request.pk,
        "kind": support_request.kind,
        "contact": support_request.contact,
        "status": support_request.status,
        "status_label": str(support_request.get_status_display()),
        "created_at": support_request.created_at,
        "closed_at": support_request.closed_at,
        "messages": [
            {"body": note.body, "created_at": note.created_at}
            for note in services.notes_for_citizen(support_request)
        ],
    }


@router.get(
    "/support-requests",
    response={200: list[SupportRequestOut], **ERRORS},
    summary="Your requests for support, newest first",
)
def support_requests(request, limit: int = LIMIT):
    return [_out(r) for r in services.requests_of(request.auth)[:limit]]


@router.post(
    "/support-requests",
    response={201: SupportRequestOut, **ERRORS},
    summary="Ask your municipality for a facilitator",
    description="One open request at a time: asking again while one is open returns it.",
)
def request_support(request, data: SupportRequestIn):
    cleaned = clean_with(SupportRequestForm, data.model_dump(), user=request.auth)
    try:
        made = services.request_support(
            citizen=request.auth,
            kind=cleaned["kind"],
            contact=cleaned["contact"],
            phone=cleaned["phone"],
            message=cleaned["message"],
        )
    except services.SupportRefused as refused:
        raise ApiProblem(422, "invalid", refused.message) from None
    return Status(201, _out(made))


@router.get(
    "/support-requests/{support_request_id}",
    response={200: SupportRequestOut, **ERRORS},
    summary="One of your requests for support, with the municipality's messages",
)
def support_request(request, support_request_id: int):
    return _out(services.get_support_request_for_citizen(request.auth, support_request_id))


@router.post(
    "/support-requests/{support_request_id}/withdraw",
    response={200: SupportRequestOut, **ERRORS},
    summary="Withdraw a request for support",
)
def withdraw_support_request(request, support_request_id: int):
    found = services.get_support_request_for_citizen(request.auth, support_request_id)
    return _out(services.withdraw(citizen=request.auth, support_request=found))
