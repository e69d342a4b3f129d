"""A place named among the search words says where to look: "kaffe hjørring"."""

import pytest
from django.utils import translation

from belong.posts.place_words import read_place
from belong.posts.search import SearchQuery, search_posts
from tests.factories import PostcodeFactory, UserFactory, make_post


@pytest.fixture
def anne(nordjylland):
    return UserFactory(display_name="Anne", postcode=nordjylland["9000"])


@pytest.mark.parametrize(
    ("text", "label", "postcode", "municipality", "rest"),
    [
        ("kaffe hjørring", "Hjørring", "9800", True, "kaffe"),
        ("kaffe i Hjoerring kommune", "Hjørring", "9800", True, "kaffe i"),
        ("strik Nørresundby", "Nørresundby", "9400", False, "strik"),
        ("NOERRESUNDBY gåtur", "Nørresundby", "9400", False, "gåtur"),
        ("Aalborg", "Aalborg", "9000", True, ""),
        # "ny i Aalborg" asks for newcomers in Aalborg: "ny i byen" there.
        ("ny i aalborg", "Aalborg", "9000", True, "ny i byen"),
        ("new in Aalborg", "Aalborg", "9000", True, "new in town"),
        # Where someone lives now, after moving there.
        ("flyttet til Aalborg", "Aalborg", "9000", True, "flyttet til"),
    ],
)
def test_a_municipality_or_town_is_read_from_the_words(
    nordjylland, text, label, postcode, municipality, rest
):
    found = read_place(text)
    assert found is not None
    assert (found.place.label, found.place.postcode, found.place.municipality) == (
        label,
        postcode,
        municipality,
    )
    assert found.rest == rest


def test_denmark_is_the_whole_country(anne, nordjylland):
    hanne = UserFactory(postcode=nordjylland["9800"])
    make_post(hanne, title="Ny i byen", body="Jeg er nyflyttet til Hjørring.", reach="country")
    found = read_place("ny i Danmark")
    assert found is not None and found.place.country and found.rest == "ny i byen"
    with translation.override("da"):
        results = search_posts(viewer=anne, query=SearchQuery(text="ny i Danmark"))
    assert [post.title for post in results.posts] == ["Ny i byen"]
    assert results.place_note == "Viser opslag fra hele landet"
    assert results.query.where == "country"


def test_a_place_someone_goes_to_or_comes_from_is_no_place_to_look(nordjylland):
    assert read_place("en tur til Hjørring") is None
    assert read_place("jeg er fra Aalborg") is None
    assert read_place("a trip to Aalborg") is None
    # A later place still counts: a walk to Hjørring, looked for in Aalborg.
    found = read_place("gåtur til hjørring i aalborg")
    assert found is not None and found.place.label == "Aalborg"


def test_a_town_named_like_an_everyday_word_stays_a_search_word(nordjylland):
    PostcodeFactory(code="7323", name="Give", municipality=nordjylland["9800"].municipality)
    PostcodeFactory(code="9370", name="Hals", municipality=nordjylland["9000"].municipality)
    assert read_place("give gaver") is None
    assert read_place("ondt i hals") is None
    assert read_place("kaffe og kage") is None


def test_a_search_looks_where_its_words_name(anne, nordjylland):
    hanne = UserFactory(postcode=nordjylland["9800"])
    make_post(hanne, title="Kaffe i Hjørring", reach="country")
    make_post(anne, title="Kaffe i Aalborg", reach="country")
    make_post(anne, title="Kaffe, jeg er fra Hjørring", reach="country")
    with translation.override("da"):
        results = search_posts(viewer=anne, query=SearchQuery(text="kaffe hjørring"))
    assert [post.title for post in results.posts] == ["Kaffe i Hjørring"]
    assert results.place_note == "Viser opslag i Hjørring Kommune"
    assert (results.query.where, results.query.postcode, results.query.text) == (
        "municipality",
        "9800",
        "kaffe",
    )
    # The words as typed, near home as before, find the post that only mentions the place.
    assert results.typed is not None
    typed = search_posts(viewer=anne, query=results.typed)
    assert [post.title for post in typed.posts] == ["Kaffe, jeg er fra Hjørring"]
    assert not typed.place_note


def test_a_town_is_searched_around_within_the_radius(anne, nordjylland):
    hanne = UserFactory(postcode=nordjylland["9800"])
    make_post(hanne, title="Strikkeklub i Hjørring", reach="country")
    make_post(anne, title="Strikkeklub i Aalborg", reach="country")
    with translation.override("da"):
        results = search_posts(
            viewer=anne, query=SearchQuery(text="strik nørresundby", where="country", radius_km=10)
        )
    assert [post.title for post in results.posts] == ["Strikkeklub i Aalborg"]
    assert results.place_note == "Viser opslag højst 10 km fra Nørresundby"


def test_a_chosen_place_keeps_the_word_as_a_search_word(anne, nordjylland):
    hanne = UserFactory(postcode=nordjylland["9800"])
    make_post(hanne, title="Kaffe i Hjørring", reach="country")
    make_post(anne, title="Kaffe, jeg er fra Hjørring", reach="country")
    for chosen in (
        SearchQuery(text="kaffe hjørring", where="municipality"),
        SearchQuery(text="kaffe hjørring", postcode="9000", radius_km=5),
        SearchQuery(text="kaffe hjørring", exact=True, where="country"),
    ):
        results = search_posts(viewer=anne, query=chosen)
        assert not results.place_note
        assert "Kaffe, jeg er fra Hjørring" in {post.title for post in results.posts}
