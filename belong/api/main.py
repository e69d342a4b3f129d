"""The JSON API at /api/v1/: one NinjaAPI, a thin router per app, one error shape."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from belong.api import (
    accounts,
    activities,
    consents,
    matching,
    messaging,
    organisations,
    places,
    posts,
    privacy,
    safety,
    support,
)
from belong.api.common import AUTH, ApiProblem
from belong.api.input import BelongParser, UnreadableText
from belong.core.limits import RateLimited
from belong.messaging.services import TOKEN_REUSED


class BelongAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        close_objects(schema.get("components", {}).get("schemas", {}))
        add_links(schema)
        add_body_errors(schema)
        return schema


def add_body_errors(schema) -> None:
    """Every operation that reads a JSON body may answer 413 (too large) and 400 (not
    JSON), in the error shape; the input layer gives these before any route runs."""
    error = {"$ref": "#/components/schemas/Error"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if "requestBody" not in operation:
                continue
            responses = operation.setdefault("responses", {})
            for status, text in ((400, "Bad Request"), (413, "Content Too Large")):
                if status not in responses and str(status) not in responses:
                    responses[status] = {
                        "description": text,
                        "content": {"application/json": {"schema": error}},
                    }


# Where a new object's id leads next (OpenAPI links): documentation for clients, and the
# paths schemathesis follows in its stateful runs.
LINKS = {
    ("post", "/posts", "201", "id", "post_id"): [
        ("get", "/posts/{post_id}"),
        ("put", "/posts/{post_id}"),
        ("post", "/posts/{post_id}/pause"),
        ("post", "/posts/{post_id}/resume"),
        ("post", "/posts/{post_id}/renew"),
        ("delete", "/posts/{post_id}"),
    ],
    ("post", "/posts/{post_id}/conversations", "201", "conversation_id", "conversation_id"): [
        ("get", "/conversations/{conversation_id}"),
        ("get", "/conversations/{conversation_id}/messages"),
        ("post", "/conversations/{conversation_id}/messages"),
        ("post", "/conversations/{conversation_id}/read"),
        ("post", "/conversations/{conversation_id}/ready-replies"),
        ("get", "/conversations/{conversation_id}/meetings"),
        ("post", "/conversations/{conversation_id}/meetings"),
        ("post", "/conversations/{conversation_id}/report"),
        ("post", "/conversations/{conversation_id}/block"),
    ],
    ("post", "/support-requests", "201", "id", "support_request_id"): [
        ("get", "/support-requests/{support_request_id}"),
        ("post", "/support-requests/{support_request_id}/withdraw"),
    ],
    ("post", "/activities/{activity_id}/signup", "201", "activity_id", "activity_id"): [
        ("get", "/activities/{activity_id}"),
        ("delete", "/activities/{activity_id}/signup"),
    ],
    ("post", "/me/exports", "202", "id", "export_id"): [
        ("get", "/me/exports/{export_id}"),
        ("get", "/me/exports/{export_id}/download"),
    ],
    ("post", "/conversations/{conversation_id}/meetings", "201", "id", "meeting_id"): [
        ("post", "/meetings/{meeting_id}/answer"),
    ],
}


def add_links(schema) -> None:
    paths = schema.get("paths", {})
    prefix = next((p[: p.index("/posts")] for p in paths if "/posts" in p), "")
    for (method, path, status, field, parameter), targets in LINKS.items():
        responses = paths.get(prefix + path, {}).get(method, {}).get("responses", {})
        # ninja keys responses by int until the document is rendered as JSON.
        response = responses.get(int(status), responses.get(status))
        if response is None:
            continue
        links = response.setdefault("links", {})
        for target_method, target_path in targets:
            target = paths.get(prefix + target_path, {}).get(target_method)
            if target is None:
                continue
            links[target["operationId"]] = {
                "operationId": target["operationId"],
                "parameters": {parameter: f"$response.body#/{field}"},
            }


def close_objects(node) -> None:
    """Every object schema says additionalProperties: false, so a client can rely on the
    document naming every field (ninja's own schemas included)."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            close_objects(value)
    elif isinstance(node, list):
        for value in node:
            close_objects(value)


api = BelongAPI(
    title="Belong API",
    version="1",
    description=(
        "The same rules as the pages, because it calls the same services. Sign in with a "
        "personal API key from your profile page (`Authorization: Bearer ...`) or with the "
        "browser session (changes then need the CSRF token). Errors are "
        '`{"code": ..., "message": ...}` with the message in Danish, or in English with '
        "`Accept-Language: en`. Lists are paged by `cursor` (each list states its format: "
        "pass the `next_cursor` of the page before); `limit` is at most 50.\n\n"
        "422 means the request does not match this document, or breaks a rule its schema "
        "states in words (a meeting within the coming year, for example). 400 means a rule "
        "of the platform refused a well-formed request (the conversation has ended, the "
        "post is your own); 409 that it clashes with what is there (a client_token used "
        "in another conversation); 413 that the body is over the upload limit."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs=Swagger(settings={"validatorUrl": None}),
    parser=BelongParser(),
)

api.add_router("", accounts.router)
api.add_router("", posts.router)
api.add_router("", messaging.router)
api.add_router("", matching.router)
api.add_router("", safety.router)
api.add_router("", places.router)
api.add_router("", support.router)
api.add_router("", organisations.router)
api.add_router("", activities.router)
api.add_router("", privacy.router)
api.add_router("", consents.router)


def problem(request, status: int, code: str, message: str, field: str | None = None):
    return api.create_response(
        request, {"code": code, "message": str(message), "field": field}, status=status
    )


@api.exception_handler(ApiProblem)
def on_problem(request, exc: ApiProblem):
    return problem(request, exc.status, exc.code, exc.message, exc.field)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    # The same answer for "does not exist" and "not yours to see".
    return problem(request, 404, "not_found", _("We could not find that."))


@api.exception_handler(PermissionDenied)
def on_denied(request, exc):
    return problem(request, 404, "not_found", _("We could not find that."))


# Refusals that mean "this clashes with what is already there" (HTTP 409).
CONFLICTS = {TOKEN_REUSED: 409}


@api.exception_handler(DjangoValidationError)
def on_refused(request, exc: DjangoValidationError):
    code = (
        next((e.code for e in exc.error_list if e.code), None)
        if hasattr(exc, "error_list")
        else None
    )
    status = CONFLICTS.get(code or "", 400)
    return problem(request, status, code or "refused", " ".join(exc.messages))


@api.exception_handler(NinjaValidationError)
def on_invalid(request, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [
        str(part)
        for part in first.get("loc", ())
        if part not in ("body", "query", "path", "data", "params")
    ]
    field = ".".join(location) or None
    if field:
        message = _("The field %(field)s is not valid.") % {"field": field}
    else:
        message = _("The request is not valid.")
    return problem(request, 422, "invalid", message, field)


@api.exception_handler(RateLimited)
def on_limited(request, exc: RateLimited):
    response = problem(request, 429, "rate_limited", exc.message)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    response = problem(
        request, 401, "not_authenticated", _("Sign in, or send your API key as a Bearer token.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return problem(
        request,
        413,
        "too_large",
        _("The request is too large. It can be at most %(size)s MB.")
        % {"size": number_format(round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20, 1))},
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    cause = exc.__cause__
    if isinstance(cause, UnreadableText):
        return problem(
            request,
            422,
            "invalid_text",
            _("The text contains characters we cannot read. Please write it again."),
            cause.field,
        )
    if exc.status_code == 400 and cause is not None:
        # The body could not be read as JSON.
        return problem(request, 400, "invalid_json", _("The request is not valid JSON."))
    if exc.status_code == 403:
        return problem(
            request, 403, "csrf_failed", _("The page was open too long. Reload it and try again.")
        )
    return problem(request, exc.status_code, "error", str(exc))
