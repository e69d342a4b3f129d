"""A citizen says yes to the newsletter on her profile, the administrator writes and sends
it, and she stops it from the link in the e-mail, without logging in; a mail program's
one-click unsubscribe (RFC 8058) stops another reader's."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from belong.accounts.models import Consent
from belong.municipalities.newsletter import give_consent
from tests.factories import UserFactory
from tests.staff import make_staff, sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def session(context, live_server, user, *, staff=False):
    client = Client()
    if staff:
        sign_in_staff(client, user)
    else:
        client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_newsletter_is_sent_and_stopped_from_the_link_in_the_e_mail(
    browser, live_server, aalborg_postcode, citizen, mailoutbox, settings
):
    settings.BELONG_BASE_URL = live_server.url
    aalborg = aalborg_postcode.municipality
    admin = make_staff(aalborg, "administrator", display_name="Mette", postcode=aalborg_postcode)
    john = UserFactory(email="john@example.dk", display_name="John", postcode=aalborg_postcode)
    give_consent(user=john, language="en", via="profile")

    # Anne says yes on her profile.
    anne = browser.new_context().new_page()
    session(anne.context, live_server, citizen)
    anne.goto(f"{live_server.url}/profil/")
    card = anne.get_by_role("region", name="Kommunens nyhedsbrev")
    card.get_by_label("Dansk").check()
    card.get_by_role("button", name="Ja tak, send mig nyhedsbrevet").click()
    expect(anne.get_by_role("status")).to_contain_text("Du får nyhedsbrevet en gang om måneden")

    # The administrator opens the month's newsletter, changes the text and sends it.
    desk = browser.new_context().new_page()
    session(desk.context, live_server, admin, staff=True)
    desk.goto(f"{live_server.url}/personale/")
    desk.get_by_role("link", name="Nyhedsbrev").click()
    desk.get_by_role("button", name="Åbn nyhedsbrevet").click()
    desk.get_by_label("Emne på dansk").fill("Nyt fra Aalborg i december")
    desk.get_by_label("Tekst på dansk").fill("Hej! Der er julehygge på biblioteket.")
    desk.get_by_role("button", name="Gem").click()
    expect(desk.get_by_role("status")).to_contain_text("Nyhedsbrevet er gemt")
    desk.get_by_role("button", name="Send nyhedsbrevet").click()
    expect(desk.get_by_role("status").first).to_contain_text("Nyhedsbrevet er på vej")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    mail = next(m for m in mailoutbox if m.to == [citizen.email])
    assert mail.subject == "Nyt fra Aalborg i december"
    link = re.search(r"Stop nyhedsbrevet med ét klik: (\S+)", mail.body).group(1)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"

    # She opens the link on another device, not logged in, and presses the button.
    stranger = browser.new_context().new_page()
    stranger.goto(link)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Stop nyhedsbrevet")
    assert (
        Consent.objects.filter(purpose="newsletter").get(user=citizen).withdrawn_at is None
    )  # GET changes nothing
    stranger.get_by_role("button", name="Stop nyhedsbrevet").click()
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Nyhedsbrevet er stoppet")
    consent = Consent.objects.filter(purpose="newsletter").get(user=citizen)
    assert consent.withdrawn_at is not None and consent.withdrawn_via == "email_link"

    # John's mail program unsubscribes him with one POST, no session and no CSRF token.
    english = next(m for m in mailoutbox if m.to == [john.email])
    assert "Stop the newsletter with one click" in english.body
    header = english.extra_headers["List-Unsubscribe"].strip("<>")
    mail_program = browser.new_context()
    response = mail_program.request.post(header, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    assert Consent.objects.filter(purpose="newsletter").get(user=john).withdrawn_via == "one_click"

    # Her profile now offers the newsletter again.
    anne.reload()
    expect(anne.get_by_role("button", name="Ja tak, send mig nyhedsbrevet")).to_be_visible()
