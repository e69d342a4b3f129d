"""What every router shares: closed schemas, the error shape, sign-in, forms and cursors."""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from typing import Literal

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import ConfigDict, create_model

from belong.accounts.services import user_for_api_token

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
# The `limit` query parameter of every list: a page size, capped.
LIMIT = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class Closed(Schema):
    """A schema that names every field it has: undeclared fields are refused on the way
    in and never sent on the way out (the OpenAPI document says additionalProperties:
    false)."""

    model_config = ConfigDict(extra="forbid")


def _form_field_type(field: forms.Field):
    """The JSON type a form field takes, as precise as the form knows it."""
    if isinstance(field, forms.MultipleChoiceField):
        return list[str], []
    if isinstance(field, forms.ChoiceField):
        coerce = getattr(field, "coerce", str)
        values = tuple(coerce(value) for value, _label in field.choices if value != "")
        kind = Literal[values]  # type: ignore[valid-type]
    elif isinstance(field, forms.IntegerField):
        kind = int
    else:
        kind = str
    if not field.required:
        return kind | None, None
    if field.initial is not None:
        return kind, field.initial
    return kind, ...


def schema_from_form(form_class: type[forms.Form], *, name: str, extra: dict | None = None):
    """A closed schema with the form's fields, so the API offers exactly what the form
    validates (the form still does the validating: `clean_with`)."""
    fields = {key: _form_field_type(field) for key, field in form_class.base_fields.items()}
    return create_model(name, __base__=Closed, **fields, **(extra or {}))


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


def encode_cursor(*values) -> str:
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, *kinds: type) -> list | None:
    """The values in a cursor made by `encode_cursor`, checked against `kinds`."""
    if not cursor:
        return None
    bad = ApiProblem(
        422,
        "invalid",
        _("The cursor is not valid. Start again from the first page."),
        field="cursor",
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise bad from None
    if not isinstance(values, list) or len(values) != len(kinds):
        raise bad
    checked = []
    for value, kind in zip(values, kinds, strict=True):
        if kind is datetime.datetime:
            try:
                value = datetime.datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise bad from None
            if value.tzinfo is None:
                raise bad
        elif kind is int:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**62:
                raise bad
        checked.append(value)
    return checked


def keyset_page(queryset, *, cursor: str | None, limit: int, time_field: str):
    """Newest first by (`time_field`, pk): one page and the cursor of the next."""
    after = decode_cursor(cursor, datetime.datetime, int)
    if after is not None:
        moment, pk = after
        from django.db.models import Q

        queryset = queryset.filter(
            Q(**{f"{time_field}__lt": moment}) | Q(**{time_field: moment, "pk__lt": pk})
        )
    rows = list(queryset.order_by(f"-{time_field}", "-pk")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(getattr(last, time_field).isoformat(), last.pk)
    return rows, next_cursor
