"""Search by age in whole bands: never finer than the band a reader sees on a post."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from belong.accounts.projections import age_band_text, snap_age_range
from belong.posts.search import SearchQuery, search_posts
from tests.api.conftest import api_client_for
from tests.factories import UserFactory, make_post, years_ago


@pytest.mark.parametrize(
    ("given", "snapped"),
    [
        ((34, 34), (30, 39)),
        ((35, None), (30, None)),
        ((None, 31), (None, 39)),
        ((15, 16), (13, 17)),
        ((18, 18), (18, 19)),
        ((20, 120), (20, 120)),
        ((None, None), (None, None)),
    ],
)
def test_age_filters_snap_to_the_bands(given, snapped):
    assert snap_age_range(*given) == snapped
    params = QueryDict(mutable=True)
    for key, value in zip(("age_min", "age_max"), given, strict=True):
        if value is not None:
            params[key] = str(value)
    query = SearchQuery.from_params(params)
    assert (query.age_min, query.age_max) == snapped


def test_the_bands_are_the_ones_posts_show():
    assert [age_band_text(age) for age in (13, 17, 18, 19, 20, 34, 99)] == [
        "13-17",
        "13-17",
        "18-19",
        "18-19",
        "20-29",
        "30-39",
        "90-99",
    ]


@pytest.fixture
def thirties(aalborg_postcode):
    """Two people in their thirties, 33 and 36: an exact-age search must not tell them apart."""
    for age, name in ((33, "Trine"), (36, "Jens")):
        person = UserFactory(
            display_name=name, postcode=aalborg_postcode, birth_date=years_ago(age)
        )
        make_post(person, title=f"Opslag af {name}", reach="country")
    return UserFactory(display_name="Søger", postcode=aalborg_postcode, birth_date=years_ago(40))


def test_an_exact_age_search_finds_the_whole_band(thirties):
    query = SearchQuery(where="country", age_min=34, age_max=34)
    found = {post.title for post in search_posts(viewer=thirties, query=query).posts}
    assert found == {"Opslag af Trine", "Opslag af Jens"}


def test_pages_and_api_search_whole_bands(client, thirties):
    client.force_login(thirties)
    page = client.get(reverse("search"), {"where": "country", "age_min": 33, "age_max": 33})
    text = page.content.decode()
    assert "Opslag af Trine" in text and "Opslag af Jens" in text
    api = api_client_for(thirties)
    items = api.get("/search", {"where": "country", "age_min": 36, "age_max": 36}).json()["items"]
    assert {item["title"] for item in items} == {"Opslag af Trine", "Opslag af Jens"}
