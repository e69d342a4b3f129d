"""A citizen reports a post; a moderator signs in with a second factor and warns the author;
the author reads the notice with the reason and appeals."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from belong.municipalities.models import StaffRole
from belong.safety.models import Appeal, ModerationAction
from tests.browser.test_posts_journey import log_in
from tests.factories import PASSWORD, UserFactory, make_post
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def totp_code(secret: str) -> str:
    # A code is good for its 30 s window only: near the window's end, wait for the next one,
    # so that it is not stale by the time the server checks it on a busy machine.
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def staff_log_in(page, base_url: str, email: str, secret: str) -> None:
    """Password, then the authenticator's code once the code page has come (filled earlier,
    the code would go into the login form's own e-mail field)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_role("textbox").first.fill(totp_code(secret))
    page.get_by_role("main").get_by_role("button").first.click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def log_out(page):
    page.get_by_role("button", name="Log ud").click()


def test_a_report_is_decided_and_the_author_is_told(page, live_server, nordjylland):
    home = nordjylland["9000"]
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=home)
    UserFactory(email="bo@example.dk", display_name="Bo", postcode=home)
    post = make_post(anne, title="Tjen penge hurtigt", body="Send mig 500 kr.", reach="country")
    moderator = make_staff(
        home.municipality, StaffRole.Role.MODERATOR, email="mona@aalborg.dk", display_name="Mona"
    )

    # Bo reports the post from its page.
    log_in(page, live_server, "bo@example.dk")
    page.goto(f"{live_server.url}/opslag/{post.pk}/")
    page.get_by_role("link", name="Anmeld opslaget").click()
    page.get_by_label("Svindel, reklame eller spam").check()
    page.get_by_label("Fortæl os mere").fill("Han beder om penge.")
    page.get_by_role("button", name="Send anmeldelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Tak")
    log_out(page)

    # Mona signs in with her password and a code from her authenticator app.
    staff_log_in(page, live_server.url, "mona@aalborg.dk", moderator.totp_secret)
    page.goto(f"{live_server.url}/personale/moderation/")
    page.get_by_role("link", name="Svindel, reklame eller spam").click()
    expect(page.get_by_text("Han beder om penge.")).to_be_visible()
    page.get_by_label("Advarsel").check()
    page.get_by_label("Begrundelse (borgeren læser den)").fill("Bed ikke om penge på Belong.")
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Afgørelsen er gemt")
    assert ModerationAction.objects.get().moderator_id == moderator.pk
    log_out(page)

    # Anne reads the notice with the reason, and appeals once.
    log_in(page, live_server, "anne@example.dk")
    page.get_by_role("navigation").get_by_role("link", name="Min profil").click()
    page.get_by_role("link", name="Meddelelser fra Belong").click()
    page.get_by_role("link", name="Læs meddelelsen").click()
    expect(page.get_by_text("En moderator har givet dig en advarsel.")).to_be_visible()
    expect(page.get_by_text("Bed ikke om penge på Belong.")).to_be_visible()
    page.get_by_label("Hvorfor mener du, at afgørelsen er forkert?").fill("Det var en spøg.")
    page.get_by_role("button", name="Send klagen").click()
    expect(page.get_by_role("status").first).to_contain_text("Din klage er sendt")
    expect(page.get_by_role("button", name="Send klagen")).to_have_count(0)
    assert Appeal.objects.get().text == "Det var en spøg."
