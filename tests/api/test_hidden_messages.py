"""A message hidden by moderation shows no text in any API answer, on every database.

The operations are found from the OpenAPI document: every answer whose schema carries a
message's text (a message, or a conversation with its last message). A new one fails the
walk until it is called here too."""

import json

import pytest
from django.utils import translation

from belong.api.main import api as ninja_api
from belong.messaging import services as messaging
from belong.messaging.models import Message
from belong.messaging.projections import HIDDEN_TEXT
from belong.moderation.services import hide_content
from belong.safety.models import ReportTarget
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post

SECRET = "Ring til mig på 12345678 i aften"


def _carries_message_text(schema: dict) -> bool:
    properties = schema.get("properties", {})
    return "last_message" in properties or {"conversation_id", "body"} <= set(properties)


def _refs(node, schemas, seen):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref and ref.rsplit("/", 1)[-1] not in seen:
            name = ref.rsplit("/", 1)[-1]
            seen.add(name)
            _refs(schemas[name], schemas, seen)
        for value in node.values():
            _refs(value, schemas, seen)
    elif isinstance(node, list):
        for value in node:
            _refs(value, schemas, seen)
    return seen


def operations_carrying_messages() -> set[str]:
    document = ninja_api.get_openapi_schema(path_prefix="/api/v1/")
    schemas = document["components"]["schemas"]
    found = set()
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if not str(status).startswith("2"):
                    continue
                names = _refs(response, schemas, set())
                if any(_carries_message_text(schemas[name]) for name in names):
                    found.add(operation["operationId"])
    return found


@pytest.fixture
def hidden(citizen, aalborg_postcode):
    """Bo's first message to Anne and Anne's ready-made reply, both hidden by moderation;
    a retry with the same client token answers with the stored (hidden) message."""
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    first = messaging.start_conversation(
        sender=bo, post=post, body=SECRET, client_token="hidden-first-1"
    )
    reply = messaging.send_ready_reply(
        sender=citizen,
        conversation=first.conversation,
        reply="thanks",
        client_token="hidden-reply-1",
    )
    later = messaging.send_message(
        sender=bo, conversation=first.conversation, body=SECRET, client_token="hidden-later-1"
    )
    for message in (first, reply, later):
        hide_content(ReportTarget.MESSAGE, message.pk)
    return {"bo": bo, "post": post, "conversation": first.conversation, "reply": reply}


def _calls(world, anne, bo):
    """One call per operation, each answering with a hidden message."""
    pk = world["conversation"].pk
    post = world["post"].pk
    return {
        "belong_api_messaging_conversations": [
            anne.get("/conversations"),
            bo.get("/conversations"),
        ],
        "belong_api_messaging_conversation": [
            anne.get(f"/conversations/{pk}"),
            bo.get(f"/conversations/{pk}"),
        ],
        "belong_api_messaging_messages": [
            anne.get(f"/conversations/{pk}/messages"),
            bo.get(f"/conversations/{pk}/messages"),
        ],
        "belong_api_messaging_start_conversation": [
            bo.post(
                f"/posts/{post}/conversations",
                {"body": "Noget andet", "client_token": "hidden-first-1"},
            ),
        ],
        "belong_api_messaging_send": [
            bo.post(
                f"/conversations/{pk}/messages",
                {"body": "Noget andet", "client_token": "hidden-later-1"},
            ),
        ],
        "belong_api_messaging_send_ready_reply": [
            anne.post(
                f"/conversations/{pk}/ready-replies",
                {"reply": "thanks", "client_token": "hidden-reply-1"},
            ),
        ],
    }


def test_every_answer_with_a_message_shows_the_placeholder_once_it_is_hidden(citizen, hidden):
    anne, bo = api_client_for(citizen), api_client_for(hidden["bo"])
    calls = _calls(hidden, anne, bo)
    assert set(calls) == operations_carrying_messages(), (
        "an API answer carries message text: add it to this walk"
    )
    ready_text = hidden["reply"].body
    with translation.override("da"):
        placeholder = str(HIDDEN_TEXT)
    for operation, responses in calls.items():
        for response in responses:
            assert response.status_code in (200, 201), (operation, response.content)
            text = json.dumps(response.json(), ensure_ascii=False)
            assert SECRET not in text, operation
            assert ready_text not in text, operation
            assert placeholder in text, operation
    # Nothing new was stored by the retries.
    assert Message.objects.filter(conversation=hidden["conversation"]).count() == 3


def test_a_hidden_message_says_so_in_the_api(citizen, hidden):
    pk = hidden["conversation"].pk
    items = api_client_for(citizen).get(f"/conversations/{pk}/messages").json()["items"]
    assert [item["hidden"] for item in items] == [True, True, True]
    listed = api_client_for(citizen).get("/conversations").json()["items"][0]
    assert listed["last_message"] == items[0]["body"]


def test_the_pages_show_the_same_placeholder(client, citizen, hidden):
    client.force_login(citizen)
    for url in ("/beskeder/", f"/beskeder/{hidden['conversation'].pk}/"):
        page = client.get(url, follow=True).content.decode()
        assert SECRET not in page
        assert "Beskeden er skjult, mens en moderator ser på den." in page


def test_the_report_page_shows_no_text_of_a_hidden_message(client, citizen, hidden):
    client.force_login(citizen)
    message = Message.objects.filter(conversation=hidden["conversation"], sender=hidden["bo"])
    url = f"/beskeder/{hidden['conversation'].pk}/anmeld/?besked={message.first().pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
