"""Posts written as an organisation: who may, what the post shows, whom a message reaches."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from belong.messaging import services as messaging
from belong.organisations.models import Role
from belong.organisations.services import add_member
from belong.posts.models import Post, Status
from belong.posts.search import SearchQuery, search_posts
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post
from tests.html import validate_html
from tests.local_life import make_organisation

CLUB_POST = {
    "organisation": "",
    "title": "Gåklubben søger nye medlemmer",
    "body": "Vi går ved fjorden hver tirsdag og har plads til flere. Kom og vær med!",
    "motive": "members",
    "interests": ["walks-nature"],
    "wish_age_min": "",
    "wish_age_max": "",
    "wish_gender": "any",
    "reach": "municipality",
    "reach_km": "",
}


@pytest.fixture
def owner(aalborg_postcode):
    return UserFactory(display_name="Karin", postcode=aalborg_postcode)


@pytest.fixture
def club(owner):
    return make_organisation(owner)


@pytest.fixture
def editor(club, owner, aalborg_postcode):
    person = UserFactory(display_name="Erik", email="erik@example.dk", postcode=aalborg_postcode)
    add_member(editor=owner, organisation=club, email=person.email, role=Role.EDITOR)
    return person


def test_an_editor_writes_a_post_as_the_club(client, editor, club, citizen):
    client.force_login(editor)
    form = client.get(reverse("post_new")).content.decode()
    validate_html(form)
    assert "Som Aalborg Gåklub" in form
    response = client.post(
        reverse("post_new"), {**CLUB_POST, "organisation": str(club.pk), "publish": "1"}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.organisation, post.author, post.status) == (club, editor, Status.PUBLISHED)

    client.force_login(citizen)
    page = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    validate_html(page)
    assert reverse("organisation_detail", args=[club.pk]) in page
    assert "Skriv til Aalborg Gåklub" in page
    assert "Din besked går til foreningens redaktører" in page


def test_the_post_shows_the_verified_badge_and_the_logo(client, club, editor, citizen, aalborg):
    type(club).objects.filter(pk=club.pk).update(
        verified_at=club.created_at, verified_by_municipality=aalborg, logo="logos/x.png"
    )
    post = make_post(editor, organisation=club.pk, motive="volunteers")
    client.force_login(citizen)
    page = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert "Godkendt af Aalborg Kommune" in page
    assert reverse("organisation_logo", args=[club.pk]) in page
    results = client.get(reverse("search"), {"where": "country"}).content.decode()
    assert "Aalborg Gåklub" in results
    assert "Godkendt af Aalborg Kommune" in results


def test_search_loads_the_organisations_of_a_page_in_one_query(owner, citizen, aalborg):
    def queries_for_a_search() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as done:
            found = search_posts(viewer=citizen, query=SearchQuery(where="country"))
        names = [post.organisation.name for post in found.posts if post.organisation_id]
        return len(done.captured_queries), names

    make_post(citizen, title="Strikkeklub", body="Vi strikker.")
    queries_for_a_search()  # what the planner looks up once a minute (PostgreSQL)
    plain, names = queries_for_a_search()
    assert names == []
    clubs = [make_organisation(owner, name=f"Klub {n}") for n in range(3)]
    type(clubs[0]).objects.filter(pk=clubs[0].pk).update(verified_by_municipality=aalborg)
    make_post(owner, organisation=clubs[0].pk, motive="members")
    with_one, names = queries_for_a_search()
    assert names == ["Klub 0"] and with_one == plain + 1
    for club in clubs[1:]:
        make_post(owner, organisation=club.pk, motive="members")
    with_three, names = queries_for_a_search()
    assert sorted(names) == ["Klub 0", "Klub 1", "Klub 2"] and with_three == with_one
    found = search_posts(viewer=citizen, query=SearchQuery(where="country")).posts
    with CaptureQueriesContext(connection) as shown:
        badges = [p.organisation.verified_by_municipality for p in found if p.organisation_id]
    assert shown.captured_queries == [] and [b.name for b in badges if b] == ["Aalborg"]


def test_a_plain_member_cannot_write_as_the_club(client, club, owner, citizen):
    add_member(editor=owner, organisation=club, email=citizen.email, role=Role.MEMBER)
    client.force_login(citizen)
    assert "Som Aalborg Gåklub" not in client.get(reverse("post_new")).content.decode()
    response = client.post(
        reverse("post_new"), {**CLUB_POST, "organisation": str(club.pk), "publish": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du kan kun skrive som en forening" in html
    assert "Gåklubben søger nye medlemmer" in html  # what was typed is kept
    assert not Post.objects.exists()


def test_someone_elses_organisation_is_refused_by_the_service(club, outsider):
    with pytest.raises(ValidationError):
        make_post(outsider, organisation=club.pk)
    assert not Post.objects.exists()


def test_nonsense_in_the_organisation_field_is_a_polite_error(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("post_new"), {**CLUB_POST, "organisation": "abc'; --", "publish": "1"}
    )
    assert response.status_code == 200
    assert "Vælg dig selv eller en af dine foreninger" in response.content.decode()


def test_a_message_to_the_club_post_reaches_its_editor(club, editor, citizen):
    post = make_post(editor, organisation=club.pk)
    message = messaging.start_conversation(
        sender=citizen, post=post, body="Hej, jeg vil gerne være med!", client_token=None
    )
    assert message.recipient == editor
    assert message.conversation.recipient == editor


def test_when_the_author_is_no_longer_an_editor_the_owner_is_reached(club, editor, owner, citizen):
    post = make_post(editor, organisation=club.pk)
    club.memberships.filter(user=editor).delete()
    message = messaging.start_conversation(
        sender=citizen, post=post, body="Hej, jeg vil gerne være med!", client_token=None
    )
    assert message.recipient == owner


def test_no_one_writes_to_their_own_club_post(club, editor, owner):
    post = make_post(editor, organisation=club.pk)
    assert messaging.post_contact_refusal(editor, post) is not None
    club.memberships.filter(user=editor).delete()
    assert messaging.post_contact_refusal(owner, post) is not None


def test_a_minor_cannot_write_privately_through_an_organisation(club, editor, minor):
    post = make_post(editor, organisation=club.pk)
    assert messaging.post_contact_refusal(minor, post) is not None
    with pytest.raises(ValidationError):
        messaging.start_conversation(sender=minor, post=post, body="Hej", client_token=None)


def test_the_api_writes_as_the_club_and_shows_it(club, editor, citizen):
    body = {k: v for k, v in CLUB_POST.items() if v != ""}
    response = api_client_for(editor).post("/posts", {**body, "organisation": club.pk})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["organisation"] == club.pk
    read = api_client_for(citizen).get(f"/posts/{created['id']}").json()
    assert read["organisation"] == {
        "id": club.pk,
        "name": "Aalborg Gåklub",
        "verified_by": None,
        "logo_url": None,
    }
    assert api_client_for(citizen).get(f"/posts/{created['id']}").json()["is_mine"] is False


def test_the_api_refuses_someone_elses_organisation(club, outsider):
    body = {k: v for k, v in CLUB_POST.items() if v != ""}
    response = api_client_for(outsider).post("/posts", {**body, "organisation": club.pk})
    assert response.status_code == 422
    assert response.json()["field"] == "organisation"
    assert not Post.objects.exists()
