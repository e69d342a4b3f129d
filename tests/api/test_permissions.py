"""The same rule through the page and through the API: both call the same services, and
these tests hold them to it. Anything not visible to the caller is 404 on both."""

import pytest
from django.urls import reverse

from belong.messaging import services as messaging
from belong.safety.services import block_user
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post, years_ago


def page_and_api(client, user):
    client.force_login(user)
    return client, api_client_for(user)


def test_an_adult_cannot_see_a_youth_post(client, citizen, minor):
    youth_post = make_post(minor, title="Skaterampe efter skole")
    page, api = page_and_api(client, citizen)
    assert page.get(reverse("post_detail", args=[youth_post.pk])).status_code == 404
    response = api.get(f"/posts/{youth_post.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (
        youth_post.title not in page.get(reverse("search"), {"where": "country"}).content.decode()
    )
    found = api.get("/search", {"where": "country"}).json()["items"]
    assert youth_post.pk not in [post["id"] for post in found]


def test_a_minor_sees_youth_posts_but_not_adult_ones(client, citizen, minor, aalborg_postcode):
    friend = UserFactory(birth_date=years_ago(15), postcode=aalborg_postcode)
    youth_post = make_post(friend)
    adult_post = make_post(citizen)
    page, api = page_and_api(client, minor)
    assert page.get(reverse("post_detail", args=[youth_post.pk])).status_code == 200
    assert api.get(f"/posts/{youth_post.pk}").status_code == 200
    assert page.get(reverse("post_detail", args=[adult_post.pk])).status_code == 404
    assert api.get(f"/posts/{adult_post.pk}").status_code == 404


def test_an_adult_cannot_write_to_a_minor(client, citizen, minor):
    youth_post = make_post(minor)
    page, api = page_and_api(client, citizen)
    assert page.get(reverse("conversation_start", args=[youth_post.pk])).status_code == 404
    response = page.post(
        reverse("conversation_start", args=[youth_post.pk]), {"body": "Hej", "client_token": ""}
    )
    assert response.status_code == 404
    response = api.post(f"/posts/{youth_post.pk}/conversations", {"body": "Hej"})
    assert response.status_code == 404
    assert not minor.messages_received.exists()


@pytest.mark.parametrize("who_blocks", ["viewer", "author"])
def test_a_blocked_persons_posts_are_hidden(client, citizen, outsider, who_blocks):
    post = make_post(outsider, title="Løbetur søndag")
    if who_blocks == "viewer":
        block_user(blocker=citizen, blocked=outsider)
    else:
        block_user(blocker=outsider, blocked=citizen)
    page, api = page_and_api(client, citizen)
    assert page.get(reverse("post_detail", args=[post.pk])).status_code == 404
    assert api.get(f"/posts/{post.pk}").status_code == 404
    assert "Løbetur" not in page.get(reverse("search"), {"where": "country"}).content.decode()
    assert api.get("/search", {"where": "country"}).json()["items"] == []
    assert api.post(f"/posts/{post.pk}/conversations", {"body": "Hej"}).status_code == 404


def test_reach_excludes_people_outside_it(client, nordjylland):
    author = UserFactory(postcode=nordjylland["9000"])
    far_away = UserFactory(postcode=nordjylland["9800"])
    nearby = UserFactory(postcode=nordjylland["9400"])
    post = make_post(author, reach="near", reach_km=10)
    page, api = page_and_api(client, far_away)
    assert page.get(reverse("post_detail", args=[post.pk])).status_code == 404
    assert api.get(f"/posts/{post.pk}").status_code == 404
    assert api.get("/search", {"where": "country"}).json()["items"] == []
    page, api = page_and_api(client, nearby)
    assert page.get(reverse("post_detail", args=[post.pk])).status_code == 200
    body = api.get(f"/posts/{post.pk}").json()
    assert body["distance_km"] == 2
    assert body["municipality"] == "Aalborg Kommune"


def test_someone_elses_conversation_is_404(client, citizen, seeded, outsider):
    conversation, meeting = seeded["conversation"], seeded["meeting"]
    page, api = page_and_api(client, outsider)
    assert page.get(reverse("conversation", args=[conversation.pk])).status_code == 404
    assert (
        page.post(reverse("conversation_send", args=[conversation.pk]), {"body": "x"}).status_code
        == 404
    )
    assert (
        page.post(reverse("meeting_answer", args=[meeting.pk]), {"answer": "accept"}).status_code
        == 404
    )
    pk = conversation.pk
    for response in [
        api.get(f"/conversations/{pk}"),
        api.get(f"/conversations/{pk}/messages"),
        api.get(f"/conversations/{pk}/meetings"),
        api.post(f"/conversations/{pk}/messages", {"body": "Hej"}),
        api.post(f"/conversations/{pk}/read"),
        api.post(f"/conversations/{pk}/ready-replies", {"reply": "thanks"}),
        api.post(
            f"/conversations/{pk}/meetings", {"day": "2099-01-01", "time": "12:00", "place": "Café"}
        ),
        api.post(f"/conversations/{pk}/block"),
        api.post(f"/conversations/{pk}/report", {"reason": "scam"}),
        api.post(f"/meetings/{meeting.pk}/answer", {"answer": "accept"}),
    ]:
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found"
    assert api.get("/conversations").json()["items"] == []
    assert conversation.messages.count() == 3


def test_someone_elses_post_cannot_be_changed(client, citizen, outsider):
    post = make_post(citizen)
    page, api = page_and_api(client, outsider)
    assert page.post(reverse("post_pause", args=[post.pk])).status_code == 404
    assert page.post(reverse("post_delete", args=[post.pk])).status_code == 404
    assert api.post(f"/posts/{post.pk}/pause").status_code == 404
    assert api.post(f"/posts/{post.pk}/renew").status_code == 404
    assert api.delete(f"/posts/{post.pk}").status_code == 404
    edit = {"title": "Mit nu", "body": "Overtaget", "motive": "friend", "reach": "country"}
    assert api.put(f"/posts/{post.pk}", edit).status_code == 404
    post.refresh_from_db()
    assert post.status == "published" and post.title != "Mit nu"


def test_a_closed_conversation_refuses_messages_on_both(client, citizen, seeded):
    conversation = seeded["conversation"]
    page, api = page_and_api(client, citizen)
    messaging.send_ready_reply(
        sender=citizen, conversation=conversation, reply="decline", client_token=None
    )
    response = page.post(reverse("conversation_send", args=[conversation.pk]), {"body": "Hov"})
    assert response.status_code == 400
    response = api.post(f"/conversations/{conversation.pk}/messages", {"body": "Hov"})
    assert response.status_code == 400
    assert response.json() == {
        "code": "refused",
        "message": "Denne samtale er slut. Du kan ikke skrive mere her.",
        "field": None,
    }
