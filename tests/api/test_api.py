"""What the API does beyond permissions: errors, languages, limits, paging, idempotency,
sessions with CSRF, and the same inputs as the pages."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from belong.messaging.models import Message
from belong.posts.models import Post
from belong.safety.models import Report
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post

POST = {
    "title": "Brætspil i weekenden",
    "body": "Jeg søger nogen at spille brætspil med.",
    "motive": "friend",
    "interests": ["games"],
    "reach": "municipality",
}


def test_my_profile_reads_and_changes(api, citizen):
    body = api.get("/me").json()
    assert body["display_name"] == "Anne"
    assert body["municipality"] == "Aalborg Kommune"
    assert body["age_band"] == "30-39"
    change = {
        "display_name": "Anne M",
        "gender": "woman",
        "postcode": "9000",
        "about": "Hej",
        "interests": ["music"],
    }
    response = api.put("/me", change)
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.display_name == "Anne M" and citizen.interests == ["music"]


def test_a_validation_error_names_the_field_in_danish(api):
    response = api.put("/me", {"display_name": "Anne", "gender": "woman", "postcode": "0000"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["field"] == "postcode"
    assert "postnummer" in body["message"].lower()


def test_messages_follow_accept_language(citizen):
    api = api_client_for(citizen, **{"Accept-Language": "en-GB,en;q=0.9"})
    response = api.get("/posts/999999")
    assert response.status_code == 404
    assert response.json()["message"] == "We could not find that."
    assert api_client_for(citizen).get("/posts/999999").json()["message"] == (
        "Vi kunne ikke finde det."
    )


def test_a_schema_error_names_the_field(api):
    response = api.post("/posts", {**POST, "motive": "romance"})
    assert response.status_code == 422
    assert response.json()["field"] == "motive"
    response = api.post("/posts", {**POST, "wish_age_min": 40, "wish_age_max": 30})
    assert response.status_code == 422
    assert response.json()["field"] == "wish_age_max"


def test_a_post_goes_through_its_whole_life(api, citizen):
    response = api.post("/posts", POST)
    assert response.status_code == 201
    post = response.json()
    assert post["status"] == "published" and post["municipality"] == "Aalborg Kommune"
    pk = post["id"]
    assert api.post(f"/posts/{pk}/pause").json()["status"] == "paused"
    assert api.post(f"/posts/{pk}/resume").json()["status"] == "published"
    assert api.post(f"/posts/{pk}/renew").json()["status"] == "published"
    changed = api.put(f"/posts/{pk}", {**POST, "title": "Skak i weekenden"}).json()
    assert changed["title"] == "Skak i weekenden"
    assert api.get(f"/posts/{pk}").json()["is_mine"] is True
    assert [p["id"] for p in api.get("/posts/mine").json()["items"]] == [pk]
    assert api.delete(f"/posts/{pk}").status_code == 204
    assert not Post.objects.filter(pk=pk).exists()


def test_lists_are_paged_by_cursor_with_a_cap(api, citizen):
    for number in range(5):
        make_post(citizen, title=f"Opslag {number}")
    first = api.get("/posts/mine", {"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api.get("/posts/mine", {"limit": 2, "cursor": first["next_cursor"]}).json()
    third = api.get("/posts/mine", {"limit": 2, "cursor": second["next_cursor"]}).json()
    seen = [p["id"] for page in (first, second, third) for p in page["items"]]
    assert len(set(seen)) == 5 and third["next_cursor"] is None
    assert api.get("/posts/mine", {"limit": 51}).status_code == 422
    response = api.get("/posts/mine", {"cursor": "not-a-cursor"})
    assert response.status_code == 422 and response.json()["field"] == "cursor"


def test_search_takes_the_pages_filters_and_pages_by_cursor(api, citizen, outsider):
    for number in range(3):
        make_post(outsider, title=f"Gåtur {number}", motive="activity")
    make_post(outsider, title="Sprogcafé", motive="language")
    params = {"where": "country", "motive": "activity", "q": "gåtur", "limit": 2}
    first = api.get("/search", params).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    # The cursor keeps the page size it started with, whatever `limit` says later.
    second = api.get("/search", {**params, "limit": 1, "cursor": first["next_cursor"]}).json()
    titles = {p["title"] for p in first["items"] + second["items"]}
    assert titles == {"Gåtur 0", "Gåtur 1", "Gåtur 2"}
    # The page finds the same with the same inputs.
    client = Client()
    client.force_login(citizen)
    html = client.get(reverse("search"), {k: v for k, v in params.items() if k != "limit"})
    assert "Gåtur 2" in html.content.decode() and "Sprogcafé" not in html.content.decode()
    response = api.get("/search", {"where": "moon"})
    assert response.status_code == 422 and response.json()["field"] == "where"


def test_a_limit_is_429_with_retry_after(api, settings):
    cache.clear()
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "search": "1/h"}
    assert api.get("/search").status_code == 200
    response = api.get("/search")
    assert response.status_code == 429
    assert 3590 < int(response["Retry-After"]) <= 3600  # an hour from the first search
    assert response.json()["code"] == "rate_limited"
    assert "Prøv igen om 60 minutter" in response.json()["message"]


def test_sending_twice_with_the_same_client_token_sends_once(api, seeded):
    pk = seeded["conversation"].pk
    first = api.post(
        f"/conversations/{pk}/messages", {"body": "Ses!", "client_token": "abcdefgh12"}
    )
    again = api.post(
        f"/conversations/{pk}/messages", {"body": "Ses!", "client_token": "abcdefgh12"}
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Message.objects.filter(client_token="abcdefgh12").count() == 1


def test_a_conversation_from_first_message_to_meeting(api, citizen, seeded, outsider):
    theirs = seeded["theirs"]
    response = api.post(f"/posts/{theirs.pk}/conversations", {"body": "Hej Bent!"})
    assert response.status_code == 201
    conversation_id = response.json()["conversation_id"]
    listed = api.get("/conversations").json()["items"]
    assert {c["id"] for c in listed} == {conversation_id, seeded["conversation"].pk}
    mine = seeded["conversation"]
    assert api.get(f"/conversations/{mine.pk}").json()["unread"] == 2  # hello + meeting
    assert api.post(f"/conversations/{mine.pk}/read").json() == {"marked_read": 2}
    assert api.get(f"/conversations/{mine.pk}").json()["unread"] == 0
    keys = [r["key"] for r in api.get("/ready-replies").json()]
    assert "decline" in keys
    reply = api.post(f"/conversations/{mine.pk}/ready-replies", {"reply": "coffee"})
    assert reply.status_code == 201 and reply.json()["kind"] == "ready"
    answer = api.post(f"/meetings/{seeded['meeting'].pk}/answer", {"answer": "accept"})
    assert answer.json()["status"] == "accepted"
    day = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    proposal = api.post(
        f"/conversations/{mine.pk}/meetings", {"day": day, "time": "15:30", "place": "Biblioteket"}
    )
    assert proposal.status_code == 201 and proposal.json()["proposed_by_me"] is True
    past = api.post(
        f"/conversations/{mine.pk}/meetings", {"day": "2020-01-01", "time": "15:30", "place": "X"}
    )
    assert past.status_code == 422
    messages = api.get(f"/conversations/{mine.pk}/messages", {"limit": 50}).json()["items"]
    assert messages[0]["kind"] == "meeting" and messages[0]["sent_by_me"] is True
    assert all(m["client_token"] is None for m in messages if not m["sent_by_me"])


def test_block_and_report(api, citizen, seeded):
    pk = seeded["conversation"].pk
    report = api.post(f"/conversations/{pk}/report", {"reason": "scam", "details": "Reklame"})
    assert report.status_code == 201
    theirs = Message.objects.filter(conversation_id=pk, recipient=citizen).first()
    about_message = api.post(
        f"/conversations/{pk}/report", {"reason": "harassment", "message_id": theirs.pk}
    )
    assert about_message.status_code == 201
    assert Report.objects.filter(target="message", target_id=theirs.pk).exists()
    mine = Message.objects.filter(conversation_id=pk, sender=citizen).first()
    if mine is not None:  # nobody reports their own message
        response = api.post(
            f"/conversations/{pk}/report", {"reason": "harassment", "message_id": mine.pk}
        )
        assert response.status_code == 404
    assert api.post(f"/conversations/{pk}/report", {"reason": "nonsense"}).json()["field"] == (
        "reason"
    )
    assert api.post(f"/conversations/{pk}/block").json() == {"blocked": True}
    response = api.post(f"/conversations/{pk}/messages", {"body": "Hallo?"})
    assert response.status_code == 400
    assert api.get(f"/posts/{seeded['theirs'].pk}").status_code == 404


def test_places_are_public(aalborg_postcode):
    client = Client()
    assert client.get("/api/v1/places/regions").json() == [
        {"code": 1081, "name": "Region Nordjylland"}
    ]
    municipalities = client.get("/api/v1/places/municipalities", {"region": 1081}).json()
    assert municipalities[0]["display_name"] == "Aalborg Kommune"
    assert municipalities[0]["offers_belong"] is True
    found = client.get("/api/v1/places/postcodes/9000").json()
    assert found["municipality"]["code"] == 851
    assert client.get("/api/v1/places/postcodes/1234").status_code == 404


@pytest.fixture
def csrf_client(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    return client


def test_the_browser_session_works_with_csrf(csrf_client):
    assert csrf_client.get("/api/v1/me").json()["display_name"] == "Anne"
    response = csrf_client.post("/api/v1/posts", POST, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    csrf_client.get(reverse("profile"))
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        "/api/v1/posts", POST, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201


def test_a_youth_writes_within_the_youth_space(minor, aalborg_postcode):
    from tests.factories import years_ago

    friend = UserFactory(birth_date=years_ago(16), postcode=aalborg_postcode)
    post = make_post(friend)
    api = api_client_for(minor)
    response = api.post(f"/posts/{post.pk}/conversations", {"body": "Hej!"})
    assert response.status_code == 201


def test_lists_keep_their_query_budget(
    api, citizen, seeded, outsider, django_assert_max_num_queries
):
    for number in range(10):
        make_post(citizen, title=f"Mit opslag {number}")
        make_post(outsider, title=f"Andres opslag {number}")
    pk = seeded["conversation"].pk
    # Sign-in (token and user) is two or three queries; then one or two for the page.
    with django_assert_max_num_queries(5):
        assert len(api.get("/posts/mine", {"limit": 50}).json()["items"]) == 11
    with django_assert_max_num_queries(5):
        assert len(api.get("/conversations").json()["items"]) == 1
    with django_assert_max_num_queries(5):
        assert len(api.get(f"/conversations/{pk}/messages").json()["items"]) == 3
    with django_assert_max_num_queries(9):
        assert len(api.get("/search", {"where": "country", "limit": 50}).json()["items"]) == 22


def test_a_suspended_citizen_is_refused_in_json_with_a_key_and_with_the_session(citizen, client):
    api = api_client_for(citizen)
    citizen.suspended_until = timezone.now() + datetime.timedelta(days=3)
    citizen.save(update_fields=["suspended_until"])

    response = api.get("/me")
    assert response.status_code == 403
    assert response.json()["code"] == "restricted"

    client.force_login(citizen)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "restricted"
