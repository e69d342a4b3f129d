"""MitID in a real browser, through a real OpenID Connect provider run locally
(tests/oidc_provider/): a grown-up who signs up with MitID gets the verified birth date,
shows "alder bekræftet", and finds adult posts, never the youth space's. The page's
Content-Security-Policy stays in force here: its form-action must let the login go on to the
broker."""

import pytest
from playwright.sync_api import expect

from belong.accounts.models import User
from tests.factories import UserFactory, make_post, years_ago
from tests.oidc_provider.process import CALLBACK, PASSWORD, mitid_settings, running_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def provider(live_server, tmp_path, settings):
    with running_provider(
        tmp_path,
        birthdates={"voksen": "1990-05-17"},
        redirect_uris=[f"{live_server.url}{CALLBACK}"],
    ) as url:
        mitid_settings(settings, url)
        yield url


def test_signing_up_with_mitid_verifies_the_age_and_keeps_an_adult_out_of_the_youth_space(
    page, live_server, provider, nordjylland
):
    home = nordjylland["9000"]
    teen = UserFactory(display_name="Ida", birth_date=years_ago(15), postcode=home)
    adult = UserFactory(display_name="Karen", postcode=home)
    make_post(teen, title="Skater søger skatere", body="Jeg er 15 og skater.", reach="country")
    make_post(adult, title="Brætspil for voksne", body="Vi spiller hver torsdag.", reach="country")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="MitID").click()
    page.get_by_role("button", name="Fortsæt").click()
    # The provider's own login page, in its own process.
    expect(page.get_by_role("heading", name="MitID (test)")).to_be_visible()
    page.get_by_label("Bruger-ID").fill("voksen")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind med MitID").click()

    # Back at Belong: the birth date is given and cannot be changed; the rest is ours.
    expect(page.get_by_text("Bekræftet med MitID.")).to_be_visible()
    page.get_by_label("Kvinde").check()
    page.get_by_label("Postnummer").fill("9000")
    page.get_by_label("Jeg har læst Belongs vilkår").check()
    page.get_by_role("button", name="Opret konto").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")

    user = User.objects.get(email="voksen@example.dk")
    assert user.birth_date.isoformat() == "1990-05-17" and user.age_verified
    assert not user.is_youth

    page.goto(f"{live_server.url}/profil/")
    expect(page.get_by_text("alder bekræftet")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Find folk").click()
    page.get_by_label("Hvor").select_option("country")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("article").filter(has_text="Brætspil for voksne")).to_be_visible()
    expect(page.get_by_text("Skater søger skatere")).to_have_count(0)
