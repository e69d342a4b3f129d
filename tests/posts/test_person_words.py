"""Words that say who is sought ("kvinder", "mænd", "over 60", "30-40 år", "på min alder")
choose the author's gender and ages, as the search's own choices do, and the page says so;
the words as typed can still be searched for."""

import pytest
from django.urls import reverse
from django.utils import translation

from belong.accounts.models import Gender
from belong.posts.person_words import read_person
from belong.posts.search import SearchQuery, search_posts
from tests.factories import UserFactory, make_post, years_ago


@pytest.mark.parametrize(
    ("text", "gender", "ages", "rest"),
    [
        ("kvinder", "woman", (None, None), ""),
        ("gåtur med andre damer", "woman", (None, None), "gåtur med andre"),
        ("mænd der vil spille skak", "man", (None, None), "der vil spille skak"),
        ("kaffe 60+", "", (60, None), "kaffe"),
        ("gåtur over 60 år", "", (60, None), "gåtur"),
        ("veninde 30-40 år", "woman", (30, 40), "veninde"),
        ("løb under 30", "", (None, 29), "løb"),
        ("kvinder i 60'erne", "woman", (60, 69), ""),
        ("women in their 40s", "woman", (40, 49), ""),
        ("mænd og kvinder", "", (None, None), "og"),
        ("ældre damer", "woman", (60, None), ""),
        ("kaffe med unge mænd", "man", (None, 29), "kaffe med"),
    ],
)
def test_the_words_that_say_who_is_sought(text, gender, ages, rest):
    found = read_person(text, reader_age=34)
    assert (found.gender, (found.age_min, found.age_max), found.rest) == (gender, ages, rest)


@pytest.mark.parametrize(
    "text",
    [
        "kaffe kl. 14-16",  # a time of day, not ages
        "mistet min mand",  # a husband, and a phrase of grief
        "løb 5 km",
        "hund",
        "8000 aarhus",
    ],
)
def test_words_that_say_nothing_of_who_is_sought(text):
    found = read_person(text, reader_age=34)
    assert found is None or (found.gender, found.age_min, found.age_max) == ("", None, None)


def test_my_own_age_is_around_the_readers_age():
    found = read_person("en veninde på min alder", reader_age=34)
    assert (found.age_min, found.age_max, found.rest) == (29, 39, "en veninde")
    # Without the reader's age the words are left out, and nothing is chosen.
    unknown = read_person("jævnaldrende", reader_age=None)
    assert (unknown.age_min, unknown.age_max, unknown.rest) == (None, None, "")


def test_a_search_for_women_over_60_shows_their_posts_and_says_so(citizen, client):
    older = UserFactory(postcode=citizen.postcode, birth_date=years_ago(66), gender=Gender.WOMAN)
    older_man = UserFactory(postcode=citizen.postcode, birth_date=years_ago(67), gender=Gender.MAN)
    younger = UserFactory(postcode=citizen.postcode, birth_date=years_ago(35), gender=Gender.WOMAN)
    walk = make_post(
        older, title="Gåtur ved fjorden", body="Hver tirsdag.", interests=["walks-nature"]
    )
    make_post(older_man, title="Gåtur i skoven", body="Hver onsdag.", interests=["walks-nature"])
    make_post(younger, title="Gåtur med barnevogn", body="Hver fredag.", interests=["walks-nature"])
    found = search_posts(
        viewer=citizen, query=SearchQuery(text="gåtur kvinder over 60", where="country")
    )
    assert [p.pk for p in found.posts] == [walk.pk]
    assert (found.query.gender, found.query.age_min, found.query.text) == ("woman", 60, "gåtur")
    assert found.typed.text == "gåtur kvinder over 60" and found.typed.exact
    with translation.override("da"):
        assert found.person_note == "Viser opslag fra kvinder på 60 år og derover"

    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "gåtur kvinder over 60", "where": "country"})
    text = page.content.decode()
    assert "Viser opslag fra kvinder på 60 år og derover" in text
    assert "Gåtur ved fjorden" in text and "Gåtur i skoven" not in text
    assert "Søg efter <em>gåtur kvinder over 60</em> i stedet" in text


def test_a_gender_chosen_on_the_form_wins_over_the_words(citizen):
    man = UserFactory(postcode=citizen.postcode, gender=Gender.MAN)
    post = make_post(man, title="Kvinder og mænd", body="Alle er velkomne til kaffe.")
    found = search_posts(
        viewer=citizen, query=SearchQuery(text="kvinder", gender="man", where="country")
    )
    assert [p.pk for p in found.posts] == [post.pk]
    assert found.person_note == ""
