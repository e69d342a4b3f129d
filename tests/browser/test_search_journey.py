"""A citizen searches in everyday words: a compound finds its parts, an English word finds a
Danish post, a misspelling says what it searched for instead, with a way back, and so does a
compound no post has, by the part that posts hold; two topics no post has together find the
posts about either, and a place among the words is where the search looks."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory, make_post

pytestmark = [
    pytest.mark.browser,
    # What the search finds is the database's own text search: this journey runs on both.
    pytest.mark.both_databases,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def search(page, words: str) -> None:
    page.get_by_label("Søgeord").fill(words)
    page.get_by_label("Hvor").select_option("country")
    page.get_by_role("button", name="Søg", exact=True).click()


def test_search_understands_compounds_synonyms_and_typos(page, live_server, nordjylland):
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=nordjylland["9400"])
    hanne = UserFactory(email="hanne@example.dk", postcode=nordjylland["9800"])
    make_post(
        hanne,
        title="Løbemakker søges",
        body="Jeg vil gerne løbe en lang tur om morgenen.",
        reach="country",
    )
    make_post(
        hanne,
        title="Vi strikker om tirsdagen",
        body="Kom og strik med os, vi drikker kaffe.",
        reach="country",
        interests=["crafts"],
    )
    make_post(
        hanne,
        title="Hvem vil lufte hund med mig?",
        body="Min hund Bobby elsker lange ture.",
        reach="country",
    )
    log_in(page, live_server, bo.email)
    page.get_by_role("navigation").get_by_role("link", name="Find folk").click()

    # A compound: "løbetur" finds a post that says "løbe ... tur".
    search(page, "løbetur")
    expect(page.get_by_role("article").filter(has_text="Løbemakker søges")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(1)

    # A synonym in English: "knitting" finds the Danish knitting post.
    search(page, "knitting")
    expect(page.get_by_role("article").filter(has_text="Vi strikker om tirsdagen")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(1)

    # A typo: the page says what it searched for, and can search the words as typed.
    search(page, "strikkkeklub")
    expect(page.get_by_role("status").filter(has_text="Viser resultater for")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Vi strikker om tirsdagen")).to_be_visible()
    page.get_by_role("link", name="Søg efter strikkkeklub i stedet").click()
    expect(page.get_by_text("Ingen opslag passer til din søgning endnu.")).to_be_visible()
    # Finding nothing, one can be found oneself.
    expect(page.get_by_role("link", name="skriv selv et opslag")).to_have_attribute(
        "href", "/opslag/nyt/"
    )

    # Words that find nothing together: the topic alone, and the page says so.
    search(page, "strikke partner")
    expect(
        page.get_by_role("status").filter(has_text="Viser resultater for strikke")
    ).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Vi strikker om tirsdagen")).to_be_visible()

    # Two topics no post has together: the posts about either, and the page says so.
    search(page, "løb og hund")
    expect(
        page.get_by_role("status").filter(
            has_text="Viser opslag med mindst ét af ordene: løb, hund"
        )
    ).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Løbemakker søges")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Hvem vil lufte hund")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(2)

    # A compound no post has, and no close spelling: its first part, and the page says so.
    search(page, "hundepasser")
    expect(page.get_by_role("status").filter(has_text="Viser resultater for hunde")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Hvem vil lufte hund")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(1)

    # A place among the words: the search looks there and says so, with a way back.
    search(page, "strik hjørring")
    expect(
        page.get_by_role("status").filter(has_text="Viser opslag i Hjørring Kommune")
    ).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="Vi strikker om tirsdagen")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(1)
    page.get_by_role("link", name="Søg efter strik hjørring i stedet").click()
    expect(page.get_by_text("Ingen opslag passer til din søgning endnu.")).to_be_visible()
