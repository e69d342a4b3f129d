"""The document states what the API accepts, from the same definitions its validation uses:
enums from the models' choices, lengths from the forms, the cursor and client_token
patterns."""

import re

import pytest

from belong.accounts.interests import INTERESTS
from belong.api.main import api as ninja_api
from belong.messaging.services import TOKEN
from belong.posts.forms import PostForm
from belong.posts.models import Motive
from belong.safety.models import CITIZEN_REASONS
from tests.api.conftest import api_client_for


@pytest.fixture(scope="module")
def document():
    return ninja_api.get_openapi_schema(path_prefix="/api/v1/")


def _property(document, schema: str, name: str) -> dict:
    prop = document["components"]["schemas"][schema]["properties"][name]
    if "anyOf" in prop:
        prop = next(p for p in prop["anyOf"] if p.get("type") != "null")
    if "$ref" in prop:
        prop = document["components"]["schemas"][prop["$ref"].rsplit("/", 1)[-1]]
    return prop


def _parameter(document, path: str, name: str) -> dict:
    operation = document["paths"][f"/api/v1{path}"]["get"]
    parameter = next(p for p in operation["parameters"] if p["name"] == name)
    schema = parameter["schema"]
    if "anyOf" in schema:
        schema = next(p for p in schema["anyOf"] if p.get("type") != "null")
    return {"description": parameter.get("description", ""), **schema}


def test_enums_are_the_models_choices(document):
    assert _property(document, "PostIn", "interests")["items"]["enum"] == [k for k, _ in INTERESTS]
    assert _property(document, "PostIn", "motive")["enum"] == list(Motive.values)
    assert _property(document, "ReportIn", "reason")["enum"] == [k for k, _ in CITIZEN_REASONS]
    assert _parameter(document, "/search", "interest")["items"]["enum"] == [k for k, _ in INTERESTS]


def test_lengths_are_the_forms(document):
    title = _property(document, "PostIn", "title")
    assert title["minLength"] == 1
    assert title["maxLength"] == PostForm.base_fields["title"].max_length
    assert _property(document, "MessageIn", "body")["minLength"] == 1
    assert _property(document, "ProfileIn", "display_name")["minLength"] == 1


def test_the_client_token_pattern_is_the_services(document):
    assert _property(document, "MessageIn", "client_token")["pattern"] == TOKEN.pattern
    assert _property(document, "ReadyReplyIn", "client_token")["pattern"] == TOKEN.pattern


@pytest.mark.parametrize(
    ("path", "example"),
    [("/conversations", "1764590000123456-42"), ("/posts/mine", "0-1"), ("/search", "2-20")],
)
def test_every_cursor_states_its_format(document, path, example):
    cursor = _parameter(document, path, "cursor")
    assert re.match(cursor["pattern"], example)
    assert "next_cursor" in (cursor.get("description") or "")


def test_a_cursor_is_what_the_document_says(api, citizen):
    from tests.factories import make_post

    for number in range(3):
        make_post(citizen, title=f"Opslag {number}")
    page = api.get("/posts/mine", {"limit": 2}).json()
    cursor = _parameter(
        ninja_api.get_openapi_schema(path_prefix="/api/v1/"), "/posts/mine", "cursor"
    )
    assert re.match(cursor["pattern"], page["next_cursor"])
    assert (
        len(api.get("/posts/mine", {"limit": 2, "cursor": page["next_cursor"]}).json()["items"])
        == 1
    )
    # Any cursor of the stated form is a position: far in the past, the list is empty.
    assert api.get("/posts/mine", {"cursor": "0-1"}).json()["items"] == []


def test_text_must_be_written_and_numbers_must_be_numbers(citizen):
    api = api_client_for(citizen)
    post = {"title": "Gåtur", "body": "Hej", "motive": "friend"}
    assert api.post("/posts", {**post, "title": "   "}).status_code == 422
    assert api.post("/posts", {**post, "wish_age_min": "30"}).status_code == 422
    assert api.post("/posts", {**post, "publish": 0}).status_code == 422
    assert api.post("/posts", {**post, "wish_age_min": 30.0, "publish": False}).status_code == 201
