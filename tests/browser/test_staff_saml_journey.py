"""The staff login with the municipality's own identity provider in a real browser, through a
real SAML identity provider run locally (tests/saml_idp/): the login page offers it, the
identity provider's page takes the password, its signed answer comes back by the POST binding
(from another site, as in production), and Belong still asks for its own second factor before
the staff page opens. The pages' Content-Security-Policy stays in force: its form-action must
let the login go on to the identity provider."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from belong.municipalities.models import StaffRole
from tests.browser.axe import assert_no_axe_violations
from tests.factories import UserFactory
from tests.saml_idp.process import PASSWORD, running_idp, staff_saml_settings
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def idp(tmp_path, settings):
    people = {
        "mette": {"email": "mette@aalborg.dk", "uid": "S-1-5-21-2001"},
        "anne": {"email": "anne@example.dk", "uid": "S-1-5-21-2002"},
    }
    with running_idp(tmp_path, people=people) as running:
        staff_saml_settings(settings, running)
        yield running


def test_staff_log_in_at_the_municipality_then_give_belongs_second_factor(
    page, live_server, idp, aalborg
):
    mette = make_staff(
        aalborg, StaffRole.Role.MODERATOR, email="mette@aalborg.dk", display_name="Mette"
    )

    page.goto(f"{live_server.url}/personale/")
    page.get_by_role("link", name="Log ind som medarbejder hos kommunen").click()
    page.get_by_role("button", name="Fortsæt").click()
    # The identity provider's own login page, in its own process.
    expect(page.get_by_role("heading", name="Kommunens login (test)")).to_be_visible()
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind hos kommunen").click()

    # Back at Belong: its own second factor first.
    code = page.get_by_label("Kode", exact=True)
    expect(code).to_be_visible()
    code.fill(format_hotp_value(hotp_value(mette.totp_secret, int(time.time()) // 30)))
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{live_server.url}/personale/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_citizen_at_the_staff_login_is_told_kindly_what_to_do(
    browser, live_server, idp, aalborg_postcode
):
    """The login page and the refusal pass axe (run with the page's policy set aside, as axe
    is a script of its own)."""
    UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Log ind som medarbejder hos kommunen").click()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Brugernavn").fill("anne")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind hos kommunen").click()

    heading = page.get_by_role("heading", name="Denne indgang er for kommunens medarbejdere")
    expect(heading).to_be_visible()
    expect(page.get_by_text("log ind med din e-mail i stedet")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Tilbage til login").click()
    expect(page.get_by_label("E-mail")).to_be_visible()
    context.close()
