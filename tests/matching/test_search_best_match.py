"""Search's best match uses the suggestions' pair score and shows the same reasons."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from belong.matching.services import save_life_situation, score_posts, suggestions_for
from belong.posts.search import SearchQuery, search_posts
from tests.factories import UserFactory, make_post, years_ago

pytestmark = pytest.mark.django_db


def _best(viewer, text):
    query = SearchQuery.from_params(QueryDict(f"q={text}&where=country&sort=best"))
    return search_posts(viewer=viewer, query=query)


def test_best_match_prefers_who_fits_both_ways(citizen, aalborg_postcode):
    make_post(citizen, wish_age_min=30, wish_age_max=40)
    wants_young = make_post(
        UserFactory(birth_date=years_ago(35), postcode=aalborg_postcode),
        title="Kor søger stemmer",
        wish_age_min=18,
        wish_age_max=25,
    )
    wants_me = make_post(
        UserFactory(birth_date=years_ago(35), postcode=aalborg_postcode),
        title="Kor søger stemmer",
        wish_age_min=30,
        wish_age_max=40,
    )
    # The newer post fits the viewer (34) too; the older one wants someone young.
    ranked = _best(citizen, "kor").posts
    assert ranked.index(wants_me) < ranked.index(wants_young)
    scores = {item.post.pk: item.score for item in score_posts(citizen, [p.pk for p in ranked])}
    assert scores[wants_me.pk] > scores[wants_young.pk]


def test_best_match_shows_the_suggestions_reasons(client, citizen, neighbour):
    save_life_situation(user=citizen, situations=["new_in_area"], shown=[])
    save_life_situation(user=neighbour, situations=["new_in_area"], shown=["new_in_area"])
    make_post(citizen)
    post = make_post(neighbour, title="Gåture ved fjorden")
    with translation.override("da"):
        [suggestion] = suggestions_for(citizen)
        [found] = [item for item in _best(citizen, "gåture").posts if item == post]
    assert found.match_reasons == suggestion.reasons
    assert "også ny i området" in found.match_reasons
    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "gåture", "where": "country", "sort": "best"})
    assert page.status_code == 200
    assert "også ny i området" in page.content.decode()


def test_a_private_situation_is_no_reason_in_search_either(client, citizen, neighbour):
    save_life_situation(user=citizen, situations=["new_in_area"], shown=["new_in_area"])
    save_life_situation(user=neighbour, situations=["new_in_area"], shown=[])
    make_post(neighbour, title="Gåture ved fjorden")
    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "gåture", "where": "country", "sort": "best"})
    assert "Gåture ved fjorden" in page.content.decode()
    assert "også ny i området" not in page.content.decode()


def test_newest_first_shows_no_reasons(citizen, neighbour):
    make_post(neighbour, title="Gåture ved fjorden")
    query = SearchQuery.from_params(QueryDict("q=gåture&where=country&sort=newest"))
    found = search_posts(viewer=citizen, query=query).posts
    assert found and all(post.match_reasons == [] for post in found)
