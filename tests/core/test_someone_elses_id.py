"""Every object URL answers 404 to someone whose object it is not, and changes nothing.

A signed-in outsider (an adult in the same municipality, with no relation to the citizen)
tries each object route with the ids of the citizen's things. The last test fails when a
route with an id is added without a case here: add it to OBJECT_CASES.
"""

import pytest
from django.urls import reverse

from tests.core.test_url_walk import ROUTES, _snapshot, _under_prefix

# (route name, method, the object's URL arguments from the world)
OBJECT_CASES = [
    # The citizen's own posts: only she may edit, pause, renew or delete them.
    ("post_edit", "get", lambda w: {"pk": w.post.pk}),
    ("post_edit", "post", lambda w: {"pk": w.post.pk}),
    ("post_autosave", "post", lambda w: {"pk": w.post.pk}),
    ("post_pause", "post", lambda w: {"pk": w.post.pk}),
    ("post_resume", "post", lambda w: {"pk": w.post.pk}),
    ("post_renew", "post", lambda w: {"pk": w.post.pk}),
    ("post_delete", "get", lambda w: {"pk": w.post.pk}),
    ("post_delete", "post", lambda w: {"pk": w.post.pk}),
    # A draft is nobody else's to read or write to.
    ("post_detail", "get", lambda w: {"pk": w.draft.pk}),
    ("conversation_start", "get", lambda w: {"post_pk": w.draft.pk}),
    ("conversation_start", "post", lambda w: {"post_pk": w.draft.pk}),
    # Saved searches.
    ("saved_search_delete", "post", lambda w: {"pk": w.saved_search.pk}),
    # A conversation between the citizen and Bo.
    ("conversation", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_messages", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_send", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_ready_reply", "post", lambda w: {"pk": w.conversation.pk}),
    ("meeting_propose", "get", lambda w: {"pk": w.conversation.pk}),
    ("meeting_propose", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_block", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_block", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_report", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_report", "post", lambda w: {"pk": w.conversation.pk}),
    # Their meeting.
    ("meeting_answer", "post", lambda w: {"pk": w.meeting.pk}),
    ("meeting_checkin", "post", lambda w: {"pk": w.meeting.pk}),
]

# Filled-in forms, so that a missing check would really act rather than fail validation.
FORM_DATA = {
    "post_edit": {"title": "Overtaget", "body": "Overtaget opslag", "motive": "friend"},
    "post_autosave": {"title": "Overtaget"},
    "conversation_start": {"body": "Hej", "client_token": "intruder-0001"},
    "conversation_send": {"body": "Hej", "client_token": "intruder-0002"},
    "conversation_ready_reply": {"reply": "thanks", "client_token": "intruder-0003"},
    "meeting_propose": {"place": "Café Nord", "starts_at_0": "2030-01-01", "starts_at_1": "12:00"},
    "conversation_report": {"reason": "other", "details": "x"},
    "meeting_answer": {"answer": "accept"},
    "meeting_checkin": {"met": "yes", "meet_again": "yes"},
}


@pytest.mark.parametrize(
    ("name", "method", "kwargs"),
    OBJECT_CASES,
    ids=[f"{method.upper()} {name}" for name, method, _kwargs in OBJECT_CASES],
)
def test_someone_elses_id_is_404_and_changes_nothing(client, world, outsider, name, method, kwargs):
    client.force_login(outsider)
    before = _snapshot(set())
    url = reverse(name, kwargs=kwargs(world))
    data = FORM_DATA.get(name, {}) if method == "post" else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
    assert _snapshot(set()) == before, f"{method.upper()} {url} changed data it does not own"


def test_every_object_route_has_a_someone_elses_id_case():
    covered = {name for name, _method, _kwargs in OBJECT_CASES}
    missing = [
        str(route)
        for route in ROUTES
        if route.converters and not _under_prefix(route) and route.name not in covered
    ]
    assert not missing, (
        "These routes take an id but have no 'someone else's id gives 404' case; add them to "
        f"OBJECT_CASES in {__file__}: {missing}"
    )
