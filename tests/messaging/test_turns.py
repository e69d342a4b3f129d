""" "Your turn": two messages in a row into silence, five first contacts waiting at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from belong.messaging.models import Message
from belong.messaging.services import send_message, send_ready_reply, start_conversation
from belong.messaging.turns import MAX_OPEN_FIRST_CONTACTS
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post


@pytest.fixture
def bo(aalborg_postcode):
    return UserFactory(display_name="Bo", postcode=aalborg_postcode)


@pytest.fixture
def conversation(citizen, bo):
    post = make_post(bo, title="Gåture ved fjorden")
    return start_conversation(
        sender=citizen, post=post, body="Hej Bo", client_token=None
    ).conversation


def test_a_third_message_into_silence_is_refused_kindly(citizen, bo, conversation):
    send_message(sender=citizen, conversation=conversation, body="Er du der?", client_token=None)
    with pytest.raises(ValidationError) as refused:
        send_message(sender=citizen, conversation=conversation, body="Hallo?", client_token=None)
    assert refused.value.code == "your_turn"
    assert "nu er det Bos tur" in refused.value.messages[0]
    # Once Bo answers, Anne may write again; a kind goodbye is never held back.
    send_message(sender=bo, conversation=conversation, body="Hej Anne!", client_token=None)
    send_message(sender=citizen, conversation=conversation, body="Dejligt!", client_token=None)
    send_message(sender=citizen, conversation=conversation, body="Og så?", client_token=None)
    send_ready_reply(sender=citizen, conversation=conversation, reply="decline", client_token=None)


def test_the_page_keeps_what_was_typed_and_says_whose_turn_it_is(client, citizen, conversation):
    client.force_login(citizen)
    url = reverse("conversation_send", args=[conversation.pk])
    client.post(url, {"body": "Nummer to", "client_token": "turn-test-0002"})
    response = client.post(url, {"body": "Nummer tre", "client_token": "turn-test-0003"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "nu er det Bos tur" in page and "Nummer tre" in page
    assert Message.objects.filter(conversation=conversation).count() == 2
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "skrive til en anden i mellemtiden" in page


def test_the_api_refuses_the_third_message_with_your_turn(citizen, conversation):
    api = api_client_for(citizen)
    path = f"/conversations/{conversation.pk}/messages"
    assert api.post(path, {"body": "To"}).status_code == 201
    response = api.post(path, {"body": "Tre"})
    assert response.status_code == 400
    assert response.json()["code"] == "your_turn"


def test_at_most_five_first_contacts_wait_at_once_and_the_count_is_shown(
    client, citizen, aalborg_postcode
):
    posts = [
        make_post(UserFactory(postcode=aalborg_postcode), title=f"Opslag {n}")
        for n in range(MAX_OPEN_FIRST_CONTACTS + 1)
    ]
    client.force_login(citizen)
    for n, post in enumerate(posts[:-1]):
        start_conversation(sender=citizen, post=post, body="Hej", client_token=f"first-{n:04d}")
    page = client.get(reverse("conversation_start", args=[posts[-1].pk])).content.decode()
    assert "5 af dine første beskeder venter stadig på svar" in page
    response = client.post(
        reverse("conversation_start", args=[posts[-1].pk]),
        {"body": "Hej igen", "client_token": "first-9999"},
    )
    assert response.status_code == 200
    assert not Message.objects.filter(conversation__post=posts[-1]).exists()
    with pytest.raises(ValidationError):
        start_conversation(sender=citizen, post=posts[-1], body="Hej", client_token=None)


def test_the_message_form_shows_the_norms_and_the_count(client, citizen, bo):
    post = make_post(bo, title="Brætspil")
    client.force_login(citizen)
    page = client.get(reverse("conversation_start", args=[post.pk])).content.decode()
    assert "efter 2 dage" in page and "efter 7 dage" in page
    assert "0 af dine 5 første beskeder venter på svar." in page


def test_openers_are_written_from_the_post_and_fill_the_form(client, citizen, bo):
    post = make_post(bo, title="gåture", interests=["walks-nature"])
    client.force_login(citizen)
    url = reverse("conversation_start", args=[post.pk])
    page = client.get(url).content.decode()
    assert "Hej Bo, jeg så dit opslag om „gåture“" in page
    assert "gåture og natur" in page
    filled = client.get(url, {"aabner": "2"}).content.decode()
    assert "jeg hedder Anne" in filled.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    # A wrong choice is ignored, never a 500.
    assert client.get(url, {"aabner": "99"}).status_code == 200
    api = api_client_for(citizen)
    texts = [o["text"] for o in api.get(f"/posts/{post.pk}/openers").json()]
    assert len(texts) == 3 and texts[0].startswith("Hej Bo, jeg så dit opslag")
