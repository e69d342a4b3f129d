"""The youth space in a real browser: an adult who searches finds no youth posts, and a
14-year-old finds only youth posts, with no distances."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory, make_post, years_ago

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def both_spaces(nordjylland):
    home = nordjylland["9000"]
    adult = UserFactory(display_name="Karen", postcode=home)
    teen = UserFactory(display_name="Ida", birth_date=years_ago(15), postcode=home)
    make_post(adult, title="Brætspil for voksne", body="Vi spiller hver torsdag.", reach="country")
    make_post(teen, title="Skater søger skatere", body="Jeg er 15 og skater.", reach="country")
    return home


def _search_everywhere(page):
    page.get_by_role("navigation").get_by_role("link", name="Find folk").click()
    page.get_by_label("Hvor").select_option("country")
    page.get_by_role("button", name="Søg", exact=True).click()


def test_an_adult_who_searches_finds_no_youth_posts(page, live_server, both_spaces):
    UserFactory(email="bo@example.dk", display_name="Bo", postcode=both_spaces)
    log_in(page, live_server, "bo@example.dk")
    _search_everywhere(page)
    expect(page.get_by_role("article").filter(has_text="Brætspil for voksne")).to_be_visible()
    expect(page.get_by_text("Skater søger skatere")).to_have_count(0)


def test_a_14_year_old_finds_only_youth_posts_without_distances(page, live_server, both_spaces):
    UserFactory(
        email="sofie@example.dk",
        display_name="Sofie",
        birth_date=years_ago(14),
        postcode=both_spaces,
    )
    log_in(page, live_server, "sofie@example.dk")
    _search_everywhere(page)
    result = page.get_by_role("article").filter(has_text="Skater søger skatere")
    expect(result).to_be_visible()
    expect(result).not_to_contain_text("km væk")
    expect(result).to_contain_text("Aalborg")
    expect(page.get_by_text("Brætspil for voksne")).to_have_count(0)
