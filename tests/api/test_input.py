"""Every API write refuses unreadable text and oversized bodies politely, in the JSON error
shape: the operations and their text fields are read from the OpenAPI document."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from belong.api.input import find_lone_surrogate
from belong.api.main import api as ninja_api
from tests.api.conftest import api_client_for

# Written as JSON spells it: the body carries the six characters \ud800, not a character.
LONE = "\\ud800"


def _resolve(node, schemas):
    while "$ref" in node:
        node = schemas[node["$ref"].rsplit("/", 1)[-1]]
    return node


def writes_with_text():
    """(method, path, [string fields]) of every operation whose JSON body holds text."""
    document = ninja_api.get_openapi_schema(path_prefix="/api/v1/")
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody")
            if not body:
                continue
            schema = _resolve(body["content"]["application/json"]["schema"], schemas)
            fields = [
                name
                for name, prop in schema.get("properties", {}).items()
                if "string" in json.dumps(_resolve(prop, schemas))
            ]
            if fields:
                found.append((method, path, fields))
    return found


def _url(path, world):
    return (
        path.replace("{post_id}", str(world["theirs"].pk))
        .replace("{conversation_id}", str(world["conversation"].pk))
        .replace("{meeting_id}", str(world["meeting"].pk))
    )


def test_the_document_names_the_writes_that_take_text():
    paths = {(method, path) for method, path, _fields in writes_with_text()}
    assert ("post", "/api/v1/posts") in paths
    assert ("post", "/api/v1/conversations/{conversation_id}/messages") in paths
    assert ("put", "/api/v1/me") in paths
    assert len(paths) >= 8


def test_a_lone_surrogate_is_refused_in_every_text_field(citizen, seeded):
    api = api_client_for(citizen)
    for method, path, fields in writes_with_text():
        for field in fields:
            raw = '{"%s": "x%s"}' % (field, LONE)  # noqa: UP031  (JSON written by hand)
            response = getattr(api.client, method)(
                _url(path, seeded), data=raw, content_type="application/json", headers=api.headers
            )
            assert response.status_code == 422, (method, path, field, response.content)
            answer = response.json()
            assert answer["code"] == "invalid_text"
            assert answer["field"] == field
            assert "tegn, vi ikke kan læse" in answer["message"]


def test_a_lone_surrogate_deep_in_a_list_is_refused(api, seeded):
    raw = '{"title": "Gåtur", "body": "Hej", "motive": "friend", "interests": ["a%s"]}' % LONE  # noqa: UP031
    response = api.client.post(
        "/api/v1/posts", data=raw, content_type="application/json", headers=api.headers
    )
    assert response.status_code == 422
    assert response.json()["field"] == "interests.0"


def test_paired_surrogates_are_a_real_character_and_welcome(api, seeded):
    raw = '{"body": "Hej \\ud83d\\ude00", "client_token": "emoji-0001"}'
    url = f"/api/v1/conversations/{seeded['conversation'].pk}/messages"
    response = api.client.post(url, data=raw, content_type="application/json", headers=api.headers)
    assert response.status_code == 201
    assert response.json()["body"] == "Hej \U0001f600"


def test_the_finder_names_the_path():
    assert find_lone_surrogate({"a": [1, {"b": "\ud800"}]}) == ("a", 1, "b")
    assert find_lone_surrogate({"a": "fine \U0001f600"}) is None


def test_a_body_that_is_not_json_answers_in_the_error_shape(api, seeded):
    response = api.client.post(
        "/api/v1/posts", data="{not json", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"


@pytest.fixture
def oversized():
    return '{"body": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'


def test_an_oversized_body_answers_413_in_the_error_shape(citizen, seeded, oversized):
    api = api_client_for(citizen)
    for method, path, _fields in writes_with_text():
        response = getattr(api.client, method)(
            _url(path, seeded), data=oversized, content_type="application/json", headers=api.headers
        )
        assert response.status_code == 413, (method, path, response.content[:200])
        assert response["Content-Type"].startswith("application/json")
        answer = response.json()
        assert answer["code"] == "too_large"
        assert "2,5 MB" in answer["message"]


def test_an_oversized_body_from_the_browser_session_too(citizen, seeded, oversized):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    browser.get(reverse("profile"))
    response = browser.post(
        f"/api/v1/conversations/{seeded['conversation'].pk}/messages",
        data=oversized,
        content_type="application/json",
        headers={"X-CSRFToken": browser.cookies["csrftoken"].value},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_the_document_promises_413_on_every_write(citizen):
    document = ninja_api.get_openapi_schema(path_prefix="/api/v1/")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("requestBody"):
                assert "413" in {str(s) for s in operation["responses"]}, (method, path)
