"""A client token is the sender's own idempotency key: unique per sender, never across
everyone; reused in another conversation it is refused clearly, not answered with an old
message."""

import pytest
from django.core.exceptions import ValidationError

from belong.messaging import services
from belong.messaging.models import Message
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post


@pytest.fixture
def carl(aalborg_postcode):
    return UserFactory(display_name="Carl", postcode=aalborg_postcode)


def test_another_persons_token_is_no_concern_of_mine(bo, carl, post, conversation):
    # Bo used "tok-first-1" in the conversation fixture; Carl may use it too.
    message = services.start_conversation(
        sender=carl, post=post, body="Hej fra Carl", client_token="tok-first-1"
    )
    assert message.sender == carl and message.body == "Hej fra Carl"
    assert Message.objects.filter(client_token="tok-first-1").count() == 2


def test_the_same_token_twice_in_a_conversation_sends_once(bo, conversation):
    first = services.send_message(
        sender=bo, conversation=conversation, body="Hej igen", client_token="twice-0001"
    )
    again = services.send_message(
        sender=bo, conversation=conversation, body="Hej igen", client_token="twice-0001"
    )
    assert first.pk == again.pk
    assert conversation.messages.filter(client_token="twice-0001").count() == 1


def test_my_token_in_another_conversation_is_refused(bo, citizen, conversation):
    other_post = make_post(citizen, title="Brætspil")
    with pytest.raises(ValidationError) as refused:
        services.start_conversation(
            sender=bo, post=other_post, body="Noget nyt", client_token="tok-first-1"
        )
    assert refused.value.code == services.TOKEN_REUSED
    other = services.start_conversation(
        sender=bo, post=other_post, body="Noget nyt", client_token="tok-other-1"
    ).conversation
    with pytest.raises(ValidationError) as refused:
        services.send_message(
            sender=bo, conversation=other, body="Noget nyt", client_token="tok-first-1"
        )
    assert refused.value.code == services.TOKEN_REUSED
    assert not other.messages.filter(body="Hej Anne! Jeg går også gerne.").exists()


def test_the_api_answers_409_for_my_token_in_another_conversation(bo, citizen, conversation):
    other_post = make_post(citizen, title="Brætspil")
    api = api_client_for(bo)
    response = api.post(
        f"/posts/{other_post.pk}/conversations",
        {"body": "Noget nyt", "client_token": "tok-first-1"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "client_token_reused"
    assert "en anden samtale" in response.json()["message"]


def test_the_api_takes_another_persons_token(carl, post, conversation):
    response = api_client_for(carl).post(
        f"/posts/{post.pk}/conversations", {"body": "Hej fra Carl", "client_token": "tok-first-1"}
    )
    assert response.status_code == 201
    assert response.json()["body"] == "Hej fra Carl"
