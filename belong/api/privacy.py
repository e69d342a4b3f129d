"""My data through the API: the same export as the zip on the profile page, as tables."""

from __future__ import annotations

import datetime

from ninja import Router

from belong.api.common import ERRORS, Closed
from belong.core import clock
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
