"""A citizen asks for help and an IT supporter handles it; a facilitator signs up a citizen
without e-mail, prints the guide, and the citizen logs in with the code on it."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.core.models import StaffAccess
from belong.municipalities.models import StaffRole
from tests.staff import make_staff, sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def staff_session(context, live_server, user):
    client = Client()
    sign_in_staff(client, user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_help_request_and_assisted_signup_end_to_end(browser, live_server, aalborg_postcode):
    aalborg = aalborg_postcode.municipality
    staff = make_staff(aalborg, StaffRole.Role.IT_SUPPORTER, StaffRole.Role.FACILITATOR)

    # A citizen without an account asks for a call back.
    citizen_context = browser.new_context()
    page = citizen_context.new_page()
    page.goto(live_server.url)
    page.get_by_role("navigation").get_by_role("link", name="Få hjælp").click()
    page.get_by_label("Dit navn").fill("Karen")
    page.get_by_label("Din kommune").select_option(label="Aalborg")
    page.get_by_label("Ring til mig").check()
    page.get_by_label("Telefonnummer").fill("12 34 56 78")
    page.get_by_label("Hvad skal du have hjælp til?").fill("Jeg vil gerne oprettes.")
    page.get_by_role("button", name="Send min anmodning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi har fået din anmodning")

    # The IT supporter finds it in the queue, calls, and marks it handled.
    staff_context = browser.new_context()
    staff_session(staff_context, live_server, staff)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/personale/")
    desk.get_by_role("link", name="Anmodninger om hjælp").click()
    desk.get_by_role("link", name=re.compile(r"^Anmodning \d+$")).click()
    expect(desk.get_by_role("link", name="12345678")).to_be_visible()
    assert StaffAccess.objects.filter(staff=staff, action__startswith="help_request:").exists()
    desk.get_by_role("button", name="Markér som klaret").click()
    expect(desk.get_by_role("status")).to_contain_text("markeret som klaret")
    expect(desk.get_by_text("Ingen åbne anmodninger")).to_be_visible()

    # Karen comes by; the facilitator signs her up with her consent, without e-mail.
    desk.get_by_role("link", name="Tilbage til personalesiden").click()
    desk.get_by_role("link", name="Hjælp en borger med at blive oprettet").click()
    desk.get_by_label("Borgeren er her sammen med mig", exact=False).check()
    desk.get_by_label("Dit navn").fill("Karen")
    desk.get_by_label("Dag").fill("3")
    desk.get_by_label("Måned").fill("4")
    desk.get_by_label("År").fill("1948")
    desk.get_by_label("Kvinde").check()
    desk.get_by_label("Postnummer").fill("9000")
    desk.get_by_label("Overskrift på det første opslag").fill("Ny i byen, søger kortmakker")
    desk.get_by_label("Opslaget", exact=False).fill("Jeg er 77 og spiller gerne whist.")
    desk.get_by_label("En ven").check()
    desk.get_by_role("button", name="Opret profil og opslag").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Velkommen til Belong, Karen")
    codes = desk.locator(".guide strong.code")  # the two values printed for Karen
    login_name, code = codes.nth(0).inner_text(), codes.nth(1).inner_text()

    # The printout is the guide alone: no menus, no staff buttons.
    desk.emulate_media(media="print")
    expect(desk.get_by_role("banner")).to_be_hidden()
    expect(desk.get_by_role("button", name="Lav en ny kode")).to_be_hidden()
    expect(desk.get_by_text(code)).to_be_visible()
    desk.emulate_media(media="screen")

    # At home, Karen logs in with the code from the paper and finds her post.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Ingen e-mail?", exact=False).click()
    page.get_by_label("Brugernavn").fill(login_name)
    page.get_by_label("Personlig kode").fill(code)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    page.get_by_role("navigation").get_by_role("link", name="Mine opslag").click()
    expect(page.get_by_role("heading", name="Ny i byen, søger kortmakker")).to_be_visible()
    citizen_context.close()
    staff_context.close()
