"""What every router shares: closed schemas, the error shape, sign-in, forms and cursors."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import ConfigDict, create_model

from belong.accounts.services import user_for_api_token
from belong.api.fields import KEYSET_CURSOR, api_type_for

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
# The `limit` query parameter of every list: a page size, capped.
LIMIT = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class Closed(Schema):
    """A schema that names every field it has: undeclared fields are refused on the way
    in and never sent on the way out (the OpenAPI document says additionalProperties:
    false)."""

    model_config = ConfigDict(extra="forbid")


def schema_from_form(
    form_class: type[forms.Form], *, name: str, extra: dict | None = None, doc: str = ""
):
    """A closed schema with the form's fields, so the API offers exactly what the form
    validates, and the document states the form's limits (`api_type_for`). The form still
    does the validating: `clean_with`."""
    fields = {key: api_type_for(field) for key, field in form_class.base_fields.items()}
    # `extra` adds fields, or states a field more precisely than its form field can.
    fields.update(extra or {})
    return create_model(name, __base__=Closed, __doc__=doc, **fields)


class Error(Closed):
    code: str
    message: str
    field: str | None = None


class ApiProblem(Exception):
    """An answer other than success, raised anywhere below a route."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


# The answers any signed-in route may give besides success.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}
PUBLIC_ERRORS = {404: Error, 422: Error, 429: Error}


# --- Signing in -------------------------------------------------------------------------------


def _not_restricted(user):
    """A suspended or banned citizen may only read their notices, on the site (as the
    pages' RestrictionMiddleware says): the API refuses them in JSON."""
    if user is not None and user.is_restricted():
        raise ApiProblem(
            403,
            "restricted",
            _(
                "Your account is paused by the municipality's moderators. Read why, and how "
                "to appeal, under Notices on the website."
            ),
        )
    return user


class TokenAuth(HttpBearer):
    """A personal API key (made on the profile page): `Authorization: Bearer bl_...`."""

    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return _not_restricted(user)


class SessionAuth(APIKeyCookie):
    """The browser's session, as on the pages; changes need the CSRF token as there."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request):
        # Only a signed-in session is checked for CSRF: a request without one is simply
        # not signed in (401), not a forgery (403).
        if not request.user.is_authenticated:
            return None
        # A request that brings a key stands or falls by that key: a revoked or wrong key
        # is refused even from a browser that is signed in.
        if "Authorization" in request.headers:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if key is None:
            return None
        return _not_restricted(request.user) if request.user.is_authenticated else None


AUTH = [TokenAuth(), SessionAuth()]


# --- Forms: the pages' validation, for the API too ----------------------------------------------


def clean_with(form_class, data: dict, **kwargs) -> dict:
    """Validate `data` with the page's own form; the first error names its field."""
    form = form_class(data, **kwargs)
    if form.is_valid():
        return form.cleaned_data
    for field, errors in form.errors.items():
        message = str(errors[0]) if errors else _("Please check the form.")
        if field == "__all__":
            raise ApiProblem(422, "invalid", message)
        raise ApiProblem(422, "invalid", message, field=field)
    raise ApiProblem(422, "invalid", _("Please check the form."))


# --- Cursors ----------------------------------------------------------------------------------
# A cursor is a position, written as whole numbers joined by "-" (the document states each
# list's pattern): any cursor that matches the pattern is a position, so none is refused.

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Where each list's cursor is checked and documented.
KEYSET_CURSOR_PARAM = Query(
    None,
    pattern=KEYSET_CURSOR,
    description=(
        "The `next_cursor` of the page before: `MICROSECONDS-ID`, the last item's time in "
        "microseconds since 1970 (UTC) and its id. Empty: the first page."
    ),
)


def encode_cursor(*values: int) -> str:
    return "-".join(str(value) for value in values)


def decode_cursor(cursor: str | None, pattern: str, count: int) -> list[int] | None:
    """The whole numbers in a cursor made by `encode_cursor`."""
    if not cursor:
        return None
    if not re.match(pattern, cursor):
        raise ApiProblem(
            422,
            "invalid",
            _("The cursor is not valid. Start again from the first page."),
            field="cursor",
        )
    values = [int(part) for part in cursor.split("-")]
    assert len(values) == count  # the pattern says so
    return values


def keyset_page(
    queryset, *, cursor: str | None, limit: int, time_field: str, soonest_first: bool = False
):
    """Newest first (or soonest first) by (`time_field`, pk): one page and the next cursor."""
    after = decode_cursor(cursor, KEYSET_CURSOR, 2)
    beyond = "gt" if soonest_first else "lt"
    if after is not None:
        micros, pk = after
        moment = EPOCH + datetime.timedelta(microseconds=micros)
        queryset = queryset.filter(
            Q(**{f"{time_field}__{beyond}": moment})
            | Q(**{time_field: moment, f"pk__{beyond}": pk})
        )
    order = (time_field, "pk") if soonest_first else (f"-{time_field}", "-pk")
    rows = list(queryset.order_by(*order)[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        elapsed = getattr(last, time_field) - EPOCH
        micros = (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds
        next_cursor = encode_cursor(micros, last.pk)
    return rows, next_cursor
