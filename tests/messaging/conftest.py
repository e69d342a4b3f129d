"""Messaging personas: Anne writes posts, Bo writes to her, Ole is an outsider."""

import pytest

from tests.factories import UserFactory, make_post


@pytest.fixture
def bo(aalborg_postcode):
    return UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)


@pytest.fixture
def post(citizen):
    return make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")


@pytest.fixture
def conversation(bo, post):
    from belong.messaging.services import start_conversation

    return start_conversation(
        sender=bo, post=post, body="Hej Anne! Jeg går også gerne.", client_token="tok-first-1"
    ).conversation
