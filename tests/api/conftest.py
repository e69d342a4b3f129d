"""A citizen with an API key and a little of everything: posts, a conversation, a meeting."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from belong.accounts.services import create_api_token
from belong.messaging import meetings
from belong.messaging import services as messaging
from tests.factories import UserFactory, make_post


class ApiClient:
    """Django's test client speaking JSON with a personal API key."""

    def __init__(self, token: str | None, **headers):
        self.client = Client()
        self.headers = dict(headers)
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def _call(self, method, path, data=None, **headers):
        kwargs = {"headers": {**self.headers, **headers}}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, params=None, **headers):
        return self.client.get(f"/api/v1{path}", params or {}, headers={**self.headers, **headers})

    def post(self, path, data=None, **headers):
        return self._call("post", path, data if data is not None else {}, **headers)

    def put(self, path, data=None, **headers):
        return self._call("put", path, data, **headers)

    def delete(self, path, **headers):
        return self._call("delete", path, **headers)


def api_client_for(user, **headers) -> ApiClient:
    _token, raw = create_api_token(user=user, name="Test")
    return ApiClient(raw, **headers)


@pytest.fixture
def api(citizen):
    return api_client_for(citizen)


@pytest.fixture
def seeded(citizen, aalborg_postcode):
    """The citizen's own post, a post by a neighbour, and a conversation about it with a
    suggested meeting waiting for the citizen's answer."""
    neighbour = UserFactory(display_name="Bent", postcode=aalborg_postcode)
    mine = make_post(citizen, title="Gåture ved fjorden")
    theirs = make_post(neighbour, title="Brætspil om torsdagen", reach="municipality")
    first = messaging.start_conversation(
        sender=neighbour, post=mine, body="Hej Anne, jeg går også gerne ture.", client_token=None
    )
    conversation = first.conversation
    messaging.send_message(
        sender=citizen, conversation=conversation, body="Hej Bent!", client_token=None
    )
    meeting = meetings.propose_meeting(
        proposer=neighbour,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Café Fjorden",
    )
    return {
        "neighbour": neighbour,
        "mine": mine,
        "theirs": theirs,
        "conversation": conversation,
        "meeting": meeting,
    }
