"""My data through the API: the same export as the zip on the profile page, as tables."""

from __future__ import annotations

import datetime

from ninja import Router

from belong.api.common import ERRORS, ApiProblem, Closed
from belong.core import clock
from belong.privacy import services
from belong.privacy.export import export_tables

router = Router(tags=["privacy"])

Value = str | int | float | bool | None


class ExportPart(Closed):
    app: str
    kind: str
    columns: list[str]
    rows: list[list[Value]]


class ExportOut(Closed):
    made_at: datetime.datetime
    parts: list[ExportPart]


@router.get(
    "/me/export",
    response={200: ExportOut, **ERRORS},
    summary="Everything Belong keeps about me (GDPR Art. 15 and 20)",
)
def my_export(request):
    """The zip's files as tables: one part per kind of data (`posts`/`posts`,
    `messaging`/`conversation_messages` ...), a column per field; nested values as JSON."""
    return {"made_at": clock.now(), "parts": export_tables(request.auth)}


class ErasureIn(Closed):
    password: str


class ErasureOut(Closed):
    requested_at: datetime.datetime
    erase_after: datetime.datetime


@router.post(
    "/me/erasure",
    response={202: ErasureOut, **ERRORS},
    summary="Delete my account (GDPR Art. 17), after a grace period",
)
def request_my_erasure(request, payload: ErasureIn):
    """Asks for the password. The account is erased after `erase_after` (14 days); logging
    in, or `DELETE /me/erasure`, before then undoes it. The posts are paused at once."""
    try:
        erasure = services.request_erasure_with_password(
            user=request.auth, password=payload.password
        )
    except services.ErasureRefused as refused:
        raise ApiProblem(400, "refused", str(refused), field="password") from refused
    return 202, {"requested_at": erasure.requested_at, "erase_after": erasure.erase_after}


@router.delete(
    "/me/erasure",
    response={204: None, **ERRORS},
    summary="Keep my account: undo a deletion in its grace period",
)
def cancel_my_erasure(request):
    services.cancel_erasure(user=request.auth)
    return 204, None
