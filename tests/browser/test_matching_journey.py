"""A newcomer says she is new in the area, sees a suggestion with that reason, hides another
and writes to the first."""

import pytest
from playwright.sync_api import expect

from belong.matching.services import save_life_situation
from tests.factories import PASSWORD, UserFactory, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_finds_someone_also_new_in_the_area(page, live_server, nordjylland):
    UserFactory(email="nina@example.dk", display_name="Nina", postcode=nordjylland["9000"])
    mette = UserFactory(display_name="Mette", postcode=nordjylland["9400"])
    save_life_situation(user=mette, situations=["new_in_area"], shown=["new_in_area"])
    walk = make_post(mette, title="Ny i byen og søger gåture")
    other = make_post(
        UserFactory(display_name="Ole", postcode=nordjylland["9400"]), title="Skak i parken"
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("nina@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")

    page.goto(f"{live_server.url}/profil/livssituation/")
    page.get_by_role("group", name="Ny i området").get_by_label("Det er mig").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Din livssituation er gemt.")).to_be_visible()

    suggestion = page.get_by_role("article").filter(has_text=walk.title)
    expect(suggestion).to_contain_text("også ny i området")
    page.get_by_role("article").filter(has_text=other.title).get_by_role(
        "button", name="Ikke noget for mig"
    ).click()
    expect(page.get_by_text("Vi foreslår det ikke for dig igen.")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text=other.title)).to_have_count(0)

    suggestion.get_by_role("link", name="Læs og skriv").click()
    page.get_by_role("link", name="Skriv til Mette").click()
    page.get_by_label("Din besked til Mette").fill("Hej Mette! Jeg er også lige flyttet hertil.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Din besked er sendt.")).to_be_visible()
