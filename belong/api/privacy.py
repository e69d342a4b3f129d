"""My data through the API: the same export as the zip on the profile page, as tables; the
zip itself prepared in the background (ask, follow its status, download within 7 days); and
"Slet min konto"."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import FileResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from belong.api.common import ERRORS, ApiProblem, Closed, Error
from belong.core import clock
from belong.privacy import exports, services
from belong.privacy.export import export_tables
from belong.privacy.models import DataExport

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


class DataExportOut(Closed):
    id: int
    status: Literal["pending", "ready", "failed", "expired"]
    requested_at: datetime.datetime
    ready_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    size: int
    download: str | None


def data_export_out(export: DataExport) -> dict:
    expired = export.is_expired(clock.now())
    ready = export.status == DataExport.Status.READY and not expired
    return {
        "id": export.pk,
        "status": "expired" if expired else export.status,
        "requested_at": export.requested_at,
        "ready_at": export.ready_at,
        "expires_at": export.expires_at,
        "size": export.size,
        "download": f"/api/v1/me/exports/{export.pk}/download" if ready else None,
    }


@router.post(
    "/me/exports",
    response={202: DataExportOut, **ERRORS},
    summary="Prepare my data as a zip in the background",
)
def request_my_data_export(request):
    """The zip of the profile page, built by a background task (for much data). Follow
    `GET /me/exports/{export_id}`; an e-mail tells when it is ready. One being prepared
    already is the answer. The download works for 7 days."""
    return Status(202, data_export_out(exports.request_export(user=request.auth)))


@router.get(
    "/me/exports/{export_id}",
    response={200: DataExportOut, **ERRORS},
    summary="How my prepared data is coming along",
)
def my_data_export(request, export_id: int):
    return data_export_out(exports.get_export_for_user(request.auth, export_id))


@router.get(
    "/me/exports/{export_id}/download",
    response={**ERRORS, 409: Error, 410: Error},
    summary="Download my prepared data (a zip)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The zip: README.txt, all.json, and a .json and .csv file for "
                "each kind of data",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_my_data_export(request, export_id: int):
    """409 while it is being prepared (or could not be), 410 once the link has expired
    (ask again with `POST /me/exports`)."""
    export = exports.get_export_for_user(request.auth, export_id)
    try:
        handle = exports.open_export(export)
    except exports.ExportExpired as expired:
        raise ApiProblem(
            410, "expired", _("The link has expired. You can ask for a new one.")
        ) from expired
    except exports.ExportNotReady as not_ready:
        raise ApiProblem(409, "not_ready", _("Your data is not ready yet")) from not_ready
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"belong-mine-data-{export.pk}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response
