"""Ready-made replies answer a message received: only its recipient is offered them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from belong.messaging import services
from tests.api.conftest import api_client_for

DECLINE_DA = "Jeg tror ikke, vi passer sammen"


def test_the_sender_of_an_unanswered_first_message_is_offered_no_replies(client, bo, conversation):
    client.force_login(bo)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert DECLINE_DA not in page
    assert "Eller svar med ét tryk" not in page
    assert services.ready_replies_for(bo, conversation) == []


def test_the_recipient_is_offered_the_replies(client, citizen, conversation):
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert DECLINE_DA in page


def test_the_sender_may_not_send_one_against_their_own_message(client, bo, conversation):
    with pytest.raises(ValidationError):
        services.send_ready_reply(
            sender=bo, conversation=conversation, reply="decline", client_token="own-decl-1"
        )
    client.force_login(bo)
    client.post(
        reverse("conversation_ready_reply", args=[conversation.pk]),
        {"reply": "decline", "client_token": "own-decl-2"},
    )
    response = api_client_for(bo).post(
        f"/conversations/{conversation.pk}/ready-replies", {"reply": "decline"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "no_ready_reply"
    assert conversation.messages.count() == 1
    conversation.refresh_from_db()
    assert conversation.status == "awaiting"


def test_once_answered_the_first_writer_may_reply_with_one_tap(bo, citizen, conversation):
    services.send_message(
        sender=citizen, conversation=conversation, body="Hej Bo!", client_token="answer-001"
    )
    assert services.ready_replies_for(bo, conversation)
    message = services.send_ready_reply(
        sender=bo, conversation=conversation, reply="coffee", client_token="bo-coffee-1"
    )
    assert message.kind == "ready"
