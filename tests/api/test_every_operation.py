"""Every operation of the API's OpenAPI document, walked as the route walks walk the pages
(tests/core/test_url_walk.py judges /api/v1/ by prefix and leaves these checks to here):

1. an anonymous caller gets 401 in JSON, unless the operation is on API_PUBLIC;
2. a signed-in browser session without the CSRF token gets 403 `csrf_failed` on every
   operation that changes something, and nothing changes;
3. a GET changes nothing (but the key's last-used time);
4. another citizen's ids are 404 `not_found` on every operation that takes one, with a
   valid body, and nothing changes.

A NEW OPERATION appears here by itself; one with a new request body needs a BODIES entry.
"""

from __future__ import annotations

import pytest
from django.test import Client

from belong.accounts.consents import give
from belong.api.main import api as ninja_api
from belong.privacy.exports import build_export, request_export
from belong.support.services import request_support
from tests.api.conftest import api_client_for
from tests.core.test_url_walk import API_PUBLIC, _snapshot
from tests.factories import make_post
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

PREFIX = "/api/v1"
UNSAFE = {"post", "put", "patch", "delete"}
# A valid body for each request schema, so that a missing check would act, not fail
# validation.
BODIES = {
    "ProfileIn": {"display_name": "Overtaget", "gender": "other", "postcode": "9000"},
    "PostIn": {"title": "Overtaget", "body": "Overtaget opslag", "motive": "friend"},
    "MessageIn": {"body": "Hej"},
    "ReadyReplyIn": {"reply": "thanks"},
    "MeetingIn": {"day": "2099-01-01", "time": "12:00", "place": "Café Nord"},
    "AnswerIn": {"answer": "accept"},
    "ReportIn": {"reason": "scam"},
    "SupportRequestIn": {"kind": "talk", "contact": "belong"},
    "CheckInIn": {"met": True, "meet_again": "yes"},
    "OrganisationIn": {
        "name": "Overtaget",
        "description": "Overtaget",
        "ages": "adults",
        "postcode": "9000",
    },
    "ApplicationIn": {"note": "Overtaget"},
    "ErasureIn": {"password": "forkert"},
    "ConsentIn": {"purpose": "research", "language": "da"},
}
# The key's last-used time is touched by design when a key signs a request in.
TOKEN_TOUCH = {"accounts.apitoken:last_used_at"}


def _operations():
    document = ninja_api.get_openapi_schema(path_prefix=f"{PREFIX}/")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            schema = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            body = schema.get("$ref", "").rsplit("/", 1)[-1] or None
            yield method, path.removeprefix(PREFIX), operation, body


OPERATIONS = list(_operations())


def _public(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in API_PUBLIC)


def _ids(operations):
    return [f"{method.upper()} {path}" for method, path, *_rest in operations]


UNSAFE_OPERATIONS = [op for op in OPERATIONS if op[0] in UNSAFE]
OPERATIONS_WITH_IDS = [op for op in OPERATIONS if "{" in op[1] and not _public(op[1])]


@pytest.fixture
def objects(citizen, seeded, aalborg, settings, tmp_path):
    """The citizen's things: a post, a draft, a conversation and a meeting, and a post by
    her neighbour; her club; an activity for adults she may join, and one for young
    people, which no adult may see; her data, prepared for download."""
    facilitator = make_staff(aalborg, "facilitator")
    settings.MEDIA_ROOT = tmp_path / "media"
    export = request_export(user=citizen)
    build_export(export.pk)
    return {
        "export_id": export.pk,
        "post_id": seeded["mine"].pk,
        "draft_id": make_post(citizen, publish=False, title="Kladde").pk,
        "conversation_id": seeded["conversation"].pk,
        "meeting_id": seeded["meeting"].pk,
        "code": "9000",
        "support_request_id": request_support(citizen=citizen, kind="talk", contact="belong").pk,
        "organisation_id": make_organisation(citizen).pk,
        "activity_id": make_activity(facilitator, municipality=aalborg).pk,
        "youth_activity_id": make_activity(facilitator, municipality=aalborg, age_range="youth").pk,
        "consent_id": give(user=citizen, purpose="research", via="profile").pk,
    }


def _url(path: str, ids: dict) -> str:
    return PREFIX + path.format(**ids)


def _body(body: str | None):
    if body is None:
        return None
    assert body in BODIES, f"Add a valid {body} to BODIES in {__file__}"
    return BODIES[body]


def _call(client, method, url, body, **headers):
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)


# --- 1. Anonymous callers ------------------------------------------------------------------


def test_the_public_list_is_the_documents(db):
    """The operations that ask for no sign-in in the document are exactly API_PUBLIC's."""
    open_ops = {path for _m, path, operation, _b in OPERATIONS if not operation.get("security")}
    assert open_ops and all(_public(path) for path in open_ops), open_ops
    signed = {path for _m, path, operation, _b in OPERATIONS if operation.get("security")}
    assert not any(_public(path) for path in signed), signed


@pytest.mark.parametrize(("method", "path", "operation", "body"), OPERATIONS, ids=_ids(OPERATIONS))
def test_every_operation_refuses_an_anonymous_caller(objects, method, path, operation, body):
    response = _call(Client(), method, _url(path, objects), _body(body))
    if _public(path):
        assert response.status_code in (200, 404), response.content
        return
    assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_document_and_its_docs_are_public(db):
    client = Client()
    assert client.get(f"{PREFIX}/openapi.json").status_code == 200
    assert client.get(f"{PREFIX}/docs").status_code == 200


# --- 2. CSRF ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "operation", "body"),
    UNSAFE_OPERATIONS,
    ids=_ids(UNSAFE_OPERATIONS),
)
def test_every_change_needs_the_csrf_token_in_a_session(
    citizen, objects, method, path, operation, body
):
    assert not _public(path), "a public operation must not change anything"
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    before = _snapshot(set())
    response = _call(client, method, _url(path, objects), _body(body))
    assert response.status_code == 403, f"{method.upper()} {path}: {response.status_code}"
    assert response.json()["code"] == "csrf_failed"
    assert _snapshot(set()) == before, f"{method.upper()} {path} changed data without CSRF"


# --- 3. GET changes nothing --------------------------------------------------------------


def test_no_get_changes_the_database(citizen, objects):
    api = api_client_for(citizen)
    changed = []
    for method, path, _operation, _body_name in OPERATIONS:
        if method != "get":
            continue
        before = _snapshot(TOKEN_TOUCH)
        response = api.client.get(_url(path, objects), headers=api.headers)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        if _snapshot(TOKEN_TOUCH) != before:
            changed.append(path)
    assert not changed, f"GET changed the database: {changed}"


# --- 4. Someone else's ids ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "operation", "body"),
    OPERATIONS_WITH_IDS,
    ids=_ids(OPERATIONS_WITH_IDS),
)
@pytest.mark.parametrize("post", ["post_id", "draft_id"])
def test_someone_elses_id_is_404_and_changes_nothing(
    outsider, objects, method, path, operation, body, post
):
    """The outsider lives in the same municipality: the citizen's published post is
    visible to them, so only its changes are 404; her draft is 404 throughout."""
    neighbourly = method == "get" or "conversations" in path or "suggestions" in path
    if post == "post_id" and "{post_id}" in path and neighbourly:
        pytest.skip("a published post may be read, written to and declined by a neighbour")
    if post == "draft_id" and "{post_id}" not in path:
        pytest.skip("no post in this path")
    if (
        post == "post_id"
        and "{organisation_id}" in path
        and (method == "get" or path.endswith("/follow"))
    ):
        pytest.skip("an organisation's profile is public, and anyone may follow it")
    api = api_client_for(outsider)
    # An activity the outsider may not see: for young people only.
    ids = {**objects, "post_id": objects[post], "activity_id": objects["youth_activity_id"]}
    before = _snapshot(TOKEN_TOUCH)
    response = _call(api.client, method, _url(path, ids), _body(body), **api.headers)
    assert response.status_code == 404, f"{method.upper()} {path}: {response.status_code}"
    assert response.json()["code"] == "not_found"
    assert _snapshot(TOKEN_TOUCH) == before, f"{method.upper()} {path} changed what it does not own"
