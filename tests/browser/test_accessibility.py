"""Every page type passes axe-core (WCAG 2.0/2.1/2.2 A + AA) in Debian's chromium."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from playwright.sync_api import expect

from belong.assisted.services import assisted_signup
from belong.messaging.services import start_conversation
from belong.municipalities.help import request_help
from belong.municipalities.models import StaffRole
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PASSWORD, UserFactory, make_post, post_fields, years_ago
from tests.staff import make_staff, sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is added as a script tag; a Content-Security-Policy must not stop the test tool.
    return {**browser_context_args, "bypass_csp": True}


def sign_in(page, live_server, user, *, staff: bool = False) -> None:
    """Give the browser a real session for `user` (staff: with the second factor passed)."""
    client = Client()
    if staff:
        sign_in_staff(client, user)
    else:
        client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world(aalborg, aalborg_postcode, citizen):
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")
    message = start_conversation(
        sender=bo, post=post, body="Hej Anne, jeg går gerne med.", client_token=None
    )
    conversation = message.conversation
    staff = make_staff(aalborg, StaffRole.Role.IT_SUPPORTER, StaffRole.Role.FACILITATOR)
    help_request = request_help(
        citizen=citizen,
        limit_key="test",
        municipality=aalborg,
        name="Anne",
        contact="phone",
        phone="12345678",
        description="Jeg kan ikke finde mit opslag.",
    )
    karen, _post, _code = assisted_signup(
        staff=staff,
        display_name="Karen",
        birth_date=years_ago(77),
        gender="woman",
        postcode=aalborg_postcode,
        email=None,
        post_fields=post_fields(title="Ny i byen"),
    )
    return {
        "karen": karen,
        "citizen": citizen,
        "post": post,
        "conversation": conversation,
        "staff": staff,
        "help_request": help_request,
    }


# (name, who is signed in, url built from the world)
PAGES = [
    ("front", None, lambda w: "/"),
    ("signup", None, lambda w: "/accounts/signup/"),
    ("login", None, lambda w: "/accounts/login/"),
    ("about", None, lambda w: "/om/"),
    ("front_signed_in", "citizen", lambda w: "/"),
    ("profile", "citizen", lambda w: "/profil/"),
    ("profile_edit", "citizen", lambda w: "/profil/rediger/"),
    ("post_form", "citizen", lambda w: "/opslag/nyt/"),
    ("post_page", "citizen", lambda w: f"/opslag/{w['post'].pk}/"),
    ("search_results", "citizen", lambda w: "/opslag/?q=fjorden&where=country"),
    ("my_posts", "citizen", lambda w: "/mine-opslag/"),
    ("inbox", "citizen", lambda w: "/beskeder/"),
    ("conversation", "citizen", lambda w: f"/beskeder/{w['conversation'].pk}/"),
    ("get_help", None, lambda w: "/hjaelp/"),
    ("get_help_signed_in", "citizen", lambda w: "/hjaelp/"),
    ("get_help_sent", None, lambda w: "/hjaelp/sendt/"),
    ("help_good_post", None, lambda w: "/hjaelp/raad/godt-opslag/"),
    ("help_write_first", None, lambda w: "/hjaelp/raad/skriv-foerst/"),
    ("help_no_answer", None, lambda w: "/hjaelp/raad/intet-svar/"),
    ("help_safety", None, lambda w: "/hjaelp/raad/tryghed/"),
    ("code_login", None, lambda w: "/log-ind/kode/"),
    ("staff_home", "staff", lambda w: "/personale/"),
    ("staff_help_queue", "staff", lambda w: "/personale/it-support/"),
    ("staff_help_request", "staff", lambda w: f"/personale/it-support/{w['help_request'].pk}/"),
    ("staff_assisted_signup", "staff", lambda w: "/personale/opret-borger/"),
    ("staff_assisted_list", "staff", lambda w: "/personale/borgere/"),
    ("staff_assisted_guide", "staff", lambda w: f"/personale/borger/{w['karen'].pk}/vejledning/"),
]


@pytest.mark.parametrize(("name", "who", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_the_page_has_no_axe_violations(page, live_server, world, name, who, url):
    if who:
        sign_in(page, live_server, world[who], staff=who == "staff")
    response = page.goto(live_server.url + url(world))
    assert response.status == 200, f"{name}: {response.status} at {page.url}"
    assert_no_axe_violations(page)


def test_the_axe_check_fails_on_an_unlabelled_field(page):
    page.set_content(
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head>'
        '<body><main><h1>x</h1><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError, match="label"):
        assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("url", "button"),
    [
        ("/hjaelp/", "Bed om hjælp"),
        ("/accounts/signup/", "Opret konto"),
        ("/log-ind/kode/", "Log ind"),
    ],
)
def test_a_form_with_errors_has_no_axe_violations(page, live_server, aalborg, url, button):
    page.goto(live_server.url + url)
    page.get_by_role("main").get_by_role("button", name=button).click()
    page.get_by_role("alert").first.wait_for()
    assert_no_axe_violations(page)


def test_the_post_form_with_errors_has_no_axe_violations(page, live_server, citizen):
    sign_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/opslag/nyt/")
    page.get_by_role("button", name="Offentliggør").click()
    page.get_by_role("alert").first.wait_for()
    assert_no_axe_violations(page)


def test_staff_sign_in_with_a_totp_code_and_the_pages_on_the_way_pass_axe(page, live_server, world):
    staff = world["staff"]
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    # allauth asks for the authenticator code: that page is one staff meet every day.
    code_field = page.get_by_role("textbox").first
    code_field.wait_for()
    assert_no_axe_violations(page)
    counter = int(time.time()) // 30
    code_field.fill(format_hotp_value(hotp_value(staff.totp_secret, counter)))
    page.get_by_role("main").get_by_role("button").first.click()
    page.goto(f"{live_server.url}/personale/it-support/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmodninger om hjælp")
    assert_no_axe_violations(page)
