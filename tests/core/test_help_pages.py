"""Plain-Danish help pages, linked where the questions arise."""

import pytest
from django.urls import reverse

from belong.messaging.services import start_conversation
from tests.factories import UserFactory, make_post
from tests.html import validate_html


@pytest.mark.parametrize("slug", ["godt-opslag", "skriv-foerst", "intet-svar", "tryghed"])
def test_each_help_page_is_plain_valid_html_with_a_way_to_ask_for_help(client, db, slug):
    response = client.get(reverse("help_page", args=[slug]))
    assert response.status_code == 200
    validate_html(response.content)
    assert reverse("help_request") in response.content.decode()


def test_an_unknown_help_page_is_a_404(client, db):
    assert client.get(reverse("help_page", args=["findes-ikke"])).status_code == 404


def test_help_is_linked_where_the_questions_arise(client, citizen, aalborg_postcode):
    bo = UserFactory(postcode=aalborg_postcode, display_name="Bo")
    post = make_post(citizen)
    conversation = start_conversation(
        sender=bo, post=post, body="Hej Anne", client_token=None
    ).conversation
    client.force_login(citizen)

    def page(name, *args):
        return client.get(reverse(name, args=args)).content.decode()

    assert reverse("help_page", args=["godt-opslag"]) in page("post_new")
    assert reverse("help_page", args=["skriv-foerst"]) in page("conversation", conversation.pk)
    assert reverse("help_page", args=["tryghed"]) in page("conversation", conversation.pk)
    assert reverse("help_page", args=["tryghed"]) in page("conversation_block", conversation.pk)
    assert reverse("help_page", args=["tryghed"]) in page("conversation_report", conversation.pk)
    assert reverse("help_page", args=["intet-svar"]) in page("inbox")
