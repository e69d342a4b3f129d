"""Shared by the route walks: a small world of objects every object URL can point at."""

import datetime
from dataclasses import dataclass

import pytest
from django.http import QueryDict
from django.utils import timezone

from tests.factories import UserFactory, make_post


@dataclass
class World:
    citizen: object  # signed in for the GET walk; owns `post`
    other: object  # wrote to the citizen; owns `other_post`
    post: object
    other_post: object
    conversation: object
    meeting: object
    saved_search: object
    draft: object  # the citizen's unpublished post


@pytest.fixture
def world(citizen, aalborg_postcode):
    from belong.messaging.services import propose_meeting, start_conversation
    from belong.posts.search import SearchQuery
    from belong.posts.services import save_search

    other = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    other_post = make_post(other, title="Brætspil om torsdagen")
    conversation = start_conversation(
        sender=other, post=post, body="Hej Anne", client_token="walk-first-1"
    ).conversation
    meeting = propose_meeting(
        proposer=other,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Café Vesterå",
    )
    saved = save_search(owner=citizen, query=SearchQuery.from_params(QueryDict("q=kaffe")))
    draft = make_post(citizen, publish=False, title="Kladde")
    return World(citizen, other, post, other_post, conversation, meeting, saved, draft)
