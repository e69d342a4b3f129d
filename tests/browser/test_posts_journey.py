"""A citizen writes a post (the draft survives a reload), manages it from My posts, and a
neighbour finds it by text and distance, but not a post whose reach excludes him."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_a_post_is_written_kept_managed_and_found(page, live_server, nordjylland):
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=nordjylland["9000"])
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=nordjylland["9400"])
    hanne = UserFactory(
        email="hanne@example.dk", display_name="Hanne", postcode=nordjylland["9800"]
    )
    # Hanne's post is only for people within 10 km of Hjørring: not for Bo.
    make_post(
        hanne,
        title="Strikkeklub i Hjørring",
        body="Vi strikker og drikker kaffe.",
        reach="near",
        reach_km=10,
    )
    assert anne

    log_in(page, live_server, "anne@example.dk")
    page.get_by_role("link", name="Skriv dit første opslag").click()
    page.get_by_label("Overskrift").fill("Ny i Aalborg, søger gåmakker")
    page.get_by_label("Fortæl lidt om dig selv").fill("Jeg elsker lange gåture ved fjorden.")
    # Wait for the autosave that carries the last choice, as a citizen would see "Gemt kl.".
    with page.expect_response(
        lambda r: "/kladde/" in r.url and "motive=friend" in (r.request.post_data or "")
    ):
        page.get_by_label("En ven").check()
    expect(page.get_by_role("status").filter(has_text="Gemt kl.")).to_be_visible()

    # The connection is "lost": the page is reloaded before anything was submitted.
    page.reload()
    expect(page.get_by_text("Vi har gemt det, du skrev sidst")).to_be_visible()
    expect(page.get_by_label("Overskrift")).to_have_value("Ny i Aalborg, søger gåmakker")
    expect(page.get_by_label("Fortæl lidt om dig selv")).to_have_value(
        "Jeg elsker lange gåture ved fjorden."
    )
    page.get_by_label("Gåture og natur").check()
    page.get_by_role("radio", name="Tæt på mig").check()
    page.get_by_label("Afstand, hvis tæt på mig", exact=False).select_option("10")
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_role("status").first).to_contain_text("Dit opslag er offentliggjort")

    # From the front page, "Mine opslag" is one click away.
    page.get_by_role("link", name="Belong", exact=True).click()
    page.get_by_role("navigation").get_by_role("link", name="Mine opslag").click()
    expect(page.get_by_role("heading", name="Ny i Aalborg, søger gåmakker")).to_be_visible()
    page.get_by_role("button", name="Sæt på pause: Ny i Aalborg, søger gåmakker").click()
    expect(page.get_by_text("Sat på pause", exact=True)).to_be_visible()
    page.get_by_role("button", name="Forny: Ny i Aalborg, søger gåmakker").click()
    expect(page.get_by_text("Opslaget er fornyet i 90 dage.")).to_be_visible()
    expect(page.get_by_text("Offentliggjort", exact=True)).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    # Bo, 2 km away, searches by text within 5 km.
    log_in(page, live_server, bo.email)
    page.get_by_role("navigation").get_by_role("link", name="Find folk").click()
    page.get_by_label("Søgeord").fill("gåture")
    page.get_by_label("Afstand").select_option("5")
    page.get_by_role("button", name="Søg", exact=True).click()
    result = page.get_by_role("article").filter(has_text="Ny i Aalborg, søger gåmakker")
    expect(result).to_be_visible()
    expect(result).to_contain_text("2 km væk")

    # The whole country: Hanne's knitting club is still not for him.
    page.get_by_label("Søgeord").fill("")
    page.get_by_label("Hvor").select_option("country")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("article").filter(has_text="Ny i Aalborg")).to_be_visible()
    expect(page.get_by_text("Strikkeklub i Hjørring")).to_have_count(0)

    page.get_by_role("link", name="Ny i Aalborg, søger gåmakker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny i Aalborg, søger gåmakker")
    expect(page.get_by_text("Aalborg Kommune")).to_be_visible()
