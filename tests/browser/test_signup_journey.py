"""A citizen joins Belong, verifies their e-mail, edits their profile and logs in two ways."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


def last_code(mailoutbox):
    return CODE.search(mailoutbox[-1].body).group(1)


def test_a_citizen_signs_up_verifies_edits_and_logs_in_by_code_and_password(
    page, live_server, aalborg_postcode, mailoutbox
):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Find nye venner tæt på dig")
    page.get_by_role("link", name="Opret en gratis profil").click()

    # A mistake first: the form keeps what was typed and says what to fix.
    page.get_by_label("E-mail", exact=True).fill("karen@example.dk")
    page.get_by_label("Dit navn").fill("Karen")
    page.get_by_label("Dag", exact=True).fill("17")
    page.get_by_label("Måned", exact=True).fill("5")
    page.get_by_label("År", exact=True).fill("1985")
    page.get_by_label("Kvinde").check()
    page.get_by_label("Postnummer").fill("9999")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Opret konto").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vi kender ikke postnummeret 9999")
    expect(page.get_by_label("Dit navn")).to_have_value("Karen")
    expect(page.get_by_label("År", exact=True)).to_have_value("1985")

    page.get_by_label("Postnummer").fill("9000")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_label("Jeg har læst Belongs vilkår").check()
    page.get_by_role("button", name="Opret konto").click()

    # Verify the e-mail address with the code sent to it.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert len(mailoutbox) == 1
    page.get_by_label("Kode").fill(last_code(mailoutbox))
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Karen")

    # Edit the profile.
    page.get_by_role("link", name="Min profil", exact=True).click()
    page.get_by_role("link", name="Ret min profil").click()
    page.get_by_label("Om mig").fill("Jeg er ny i Aalborg og går gerne ture.")
    page.get_by_label("Gåture og natur").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Din profil er gemt")
    expect(page.get_by_text("Jeg er ny i Aalborg og går gerne ture.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Gåture og natur")).to_be_visible()

    # Log out, then in again with a code sent by e-mail.
    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("navigation").get_by_role("link", name="Log ind").click()
    page.get_by_role("link", name="Send mig en login-kode").click()
    page.get_by_label("E-mail", exact=True).fill("karen@example.dk")
    page.get_by_role("button", name=re.compile("kode", re.IGNORECASE)).click()
    page.get_by_label("Kode").fill(last_code(mailoutbox))
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Karen")

    # And with the password.
    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("navigation").get_by_role("link", name="Log ind").click()
    page.get_by_label("E-mail", exact=True).fill("karen@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Karen")


def test_a_citizen_of_an_unlicensed_municipality_is_told_kindly(page, live_server, vejle_postcode):
    page.goto(live_server.url)
    page.get_by_label("Postnummer").fill("7100")
    page.get_by_role("button", name="Tjek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vejle Kommune tilbyder ikke Belong endnu"
    )


def test_the_language_switch_is_visible_and_works(page, live_server, aalborg):
    page.goto(live_server.url)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find new friends near you")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
