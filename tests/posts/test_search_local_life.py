"""The search page's organisations and "Aktiviteter i nærheden": the filter by kind, the same
words and place, and the same rules about who sees what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from belong.posts.models import Post
from tests.factories import UserFactory, make_post
from tests.html import validate_html
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff


@pytest.fixture
def owner(aalborg_postcode):
    return UserFactory(display_name="Karin", postcode=aalborg_postcode)


@pytest.fixture
def walkers(owner):
    return make_organisation(owner, name="Aalborg Gåklub")


@pytest.fixture
def knitters(owner):
    return make_organisation(
        owner,
        name="Strikkecaféen",
        description="Vi strikker og drikker kaffe om onsdagen.",
        interests=["crafts"],
    )


def test_the_organisation_filter_lists_organisations_that_match(client, citizen, walkers, knitters):
    make_post(citizen, title="Gåtur ved fjorden")
    client.force_login(citizen)
    response = client.get(reverse("search"), {"q": "fjorden", "show": "organisations"})
    html = response.content.decode()
    validate_html(html)
    assert "Aalborg Gåklub" in html
    assert "Strikkecaféen" not in html
    assert reverse("organisation_detail", args=[walkers.pk]) in html
    # Only organisations: and of the posts, only those written as one.
    assert "Opslag fra foreninger" in html
    assert "Gåtur ved fjorden" not in html


def test_the_organisation_filter_finds_posts_written_as_an_organisation(
    client, citizen, owner, walkers
):
    make_post(owner, title="Gåklubben søger frivillige", organisation=walkers.pk)
    make_post(owner, title="Jeg søger en gåmakker")
    client.force_login(citizen)
    response = client.get(reverse("search"), {"show": "organisations", "where": "country"})
    html = response.content.decode()
    validate_html(html)
    assert "Gåklubben søger frivillige" in html
    assert "Jeg søger en gåmakker" not in html
    # The next page keeps the filter.
    assert response.context["results"].query.to_params()["show"] == "organisations"


def test_a_plain_search_shows_posts_and_a_few_organisations(client, citizen, owner, walkers):
    make_post(owner, title="Gåtur ved fjorden")
    client.force_login(citizen)
    html = client.get(reverse("search"), {"q": "fjorden", "where": "country"}).content.decode()
    assert "Gåtur ved fjorden" in html
    assert "Aalborg Gåklub" in html
    only_posts = client.get(reverse("search"), {"q": "fjorden", "show": "posts"}).content.decode()
    assert "Gåtur ved fjorden" in only_posts
    assert "Aalborg Gåklub" not in only_posts


def test_a_young_person_never_sees_an_adults_only_organisation(client, minor, owner):
    make_organisation(owner, name="Voksenklubben", ages="adults")
    make_organisation(owner, name="Ungdomsklubben", ages="youth")
    client.force_login(minor)
    html = client.get(reverse("search"), {"show": "organisations"}).content.decode()
    assert "Ungdomsklubben" in html
    assert "Voksenklubben" not in html


def test_organisations_elsewhere_only_show_for_a_wider_search(client, citizen, vejle_postcode):
    far = UserFactory(postcode=vejle_postcode)
    make_organisation(far, name="Vejle Vandreklub")
    client.force_login(citizen)
    near = client.get(reverse("search"), {"show": "organisations"}).content.decode()
    assert "Vejle Vandreklub" not in near
    country = client.get(reverse("search"), {"show": "organisations", "where": "country"})
    assert "Vejle Vandreklub" in country.content.decode()


def test_a_place_among_the_words_is_where_organisations_are_looked_for(
    client, citizen, vejle_postcode
):
    far = UserFactory(postcode=vejle_postcode)
    make_organisation(far, name="Vejle Vandreklub")
    client.force_login(citizen)
    html = client.get(
        reverse("search"), {"q": "vandreklub i vejle", "show": "organisations"}
    ).content.decode()
    assert "Vejle Vandreklub" in html
    assert "Viser opslag i Vejle Kommune" in html


def test_activities_near_you_stand_in_the_search(client, citizen, owner, walkers):
    make_activity(owner, organisation=walkers, title="Gåtur ved fjorden")
    make_activity(owner, organisation=walkers, title="Strikkeaften", description="Strik.")
    client.force_login(citizen)
    html = client.get(reverse("search"), {"q": "fjorden", "show": "activities"}).content.decode()
    validate_html(html)
    assert "Aktiviteter i nærheden" in html
    assert "Gåtur ved fjorden" in html
    assert "Strikkeaften" not in html


def test_adults_never_see_youth_activities_in_the_search(
    client, citizen, minor, aalborg, aalborg_postcode
):
    facilitator = make_staff(aalborg, "facilitator", postcode=aalborg_postcode)
    make_activity(facilitator, municipality=aalborg, title="Ungdomsaften", age_range="youth")
    client.force_login(citizen)
    html = client.get(reverse("search"), {"show": "activities"}).content.decode()
    assert "Ungdomsaften" not in html
    client.force_login(minor)
    html = client.get(reverse("search"), {"show": "activities"}).content.decode()
    assert "Ungdomsaften" in html


def test_the_lists_beside_the_posts_are_shared_by_people_of_the_same_space_a_while(
    client, citizen, owner, walkers, minor
):
    make_activity(owner, organisation=walkers, title="Gåtur ved fjorden")
    other = UserFactory(display_name="Bo", postcode=citizen.postcode)
    params = {"q": "fjorden"}

    def tables(person):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("search"), params).content.decode()
        assert "Gåtur ved fjorden" in html
        return {
            t
            for q in queries
            for t in ("activities_activity", "organisations_organisation")
            if f'FROM "{t}"' in q["sql"]
        }

    assert tables(citizen) == {"activities_activity", "organisations_organisation"}
    # Another adult of the same place, a moment later: the same lists, not worked out again.
    assert tables(other) == set()
    # A young person's lists are their own space's.
    client.force_login(minor)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("search"), params)
    assert any('FROM "activities_activity"' in q["sql"] for q in queries)


def test_a_hostile_show_value_falls_back_to_everything(client, citizen, walkers):
    client.force_login(citizen)
    response = client.get(reverse("search"), {"show": "<script>", "q": "\x00fjord"})
    assert response.status_code == 200
    assert not Post.objects.exists()
