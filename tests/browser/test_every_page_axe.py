"""axe-core on every page Belong serves, found by walking the URLconf (as
tests/core/test_url_walk.py does), so that a new page is checked without anyone listing it.

Each route is opened in chromium by the first of these who meets a page there: a signed-in
citizen, a staff member with every role in Aalborg and a second factor, a new staff member
who has yet to set up an authenticator, and an anonymous visitor. Every answer that is an
HTML page must pass axe (WCAG 2.x A and AA). A route that answers a signed-in GET with 405
is an action, not a page. Any other route that is no page for any of them must be named in
NOT_A_PAGE with the reason, so that nothing is skipped silently. Each page is also opened
once more with its Content-Security-Policy in force: nothing may be refused, no script may
fail, and every image must load.
"""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.municipalities.services import grant_role
from tests.browser.axe import assert_no_axe_violations, axe_violations, describe
from tests.core.conftest import world  # noqa: F401 - the route walk's objects, as a fixture
from tests.core.test_url_walk import ROUTES, url_for
from tests.factories import PASSWORD, UserFactory
from tests.staff import sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Routes that are not pages of ours, by prefix, with the reason.
NOT_OURS = {
    "admin/": "Django's own admin, for the operator's staff; its markup is Django's",
    "api/": "JSON for apps; the API's docs page is Swagger UI's markup",
    "static/": "files, not pages",
    "accounts/social/": "allauth's old addresses for the pages under accounts/3rdparty/: "
    "redirects only",
    "accounts/oidc/": "the MitID login hands over to the broker (off in this walk; "
    "tests/browser/test_mitid_journey.py goes through it with a real provider)",
    "accounts/saml/": "the staff login hands over to the municipality's identity provider "
    "(off in this walk; tests/browser/test_staff_saml_journey.py goes through it with a real "
    "one)",
}

# Routes that are no page for any of the visitors, with the reason.
NOT_A_PAGE = {
    "my_data_export": "the prepared zip of a citizen's data, not a page",
    "socialaccount_login_error": "shown only when a MitID login fails at the broker",
    "socialaccount_signup": "only in the middle of a MitID sign-up (the MitID journey walks it)",
    "healthz": "JSON for load balancers",
    "outcome_figures_home": "sends an analyst of one municipality on to its outcomes page",
    "outcome_tables_csv": "a CSV download, for a researcher with a data agreement",
    "outcome_codebook_csv": "a CSV download, for a researcher with a data agreement",
    "healthz_live": "JSON for load balancers",
    "healthz_ready": "JSON for load balancers",
    "manifest": "the web app manifest, JSON for the browser",
    "service_worker": "the service worker script",
    "set_language": "takes a POST from the language switch and redirects",
    "conversation_messages": "the fragment of new messages the conversation page polls for",
    "organisation_logo": "an image (tests/safety/test_uploads.py); the world's club has none",
    "post_photo": "an image (tests/safety/test_uploads.py); the world's post has none",
    "activity_attendance_code": "needs a participant with a place, which the world's sign-up "
    "(waiting for approval) is not; tests/browser/test_organisation_posts_journey.py runs axe "
    "on it",
    "activity_ics": "an iCalendar file for calendar apps",
    "report_logo": "the world's club has no logo to report (tests/organisations/test_pages.py)",
    "organisation_calendar": "an iCalendar feed for calendar apps",
    "my_data_download": "the zip of a citizen's data, not a page",
    "statistics_csv": "a CSV file of one figure set of the statistics dashboard",
    "delete_account": "asks for a fresh login first; tests/browser/test_privacy_journey.py "
    "runs axe on it after one",
    # Steps of a login or sign-up in progress: without one they send the visitor back to
    # its start. test_the_code_pages_pass_axe below checks the two citizens meet.
    "account_confirm_login_code": "a login by code in progress",
    "account_email_verification_sent": "a sign-up in progress",
    "account_confirm_reauthentication_code": "a re-authentication by code in progress",
    "mfa_authenticate": "a staff login in progress (checked in test_accessibility.py)",
    "mfa_reauthenticate_webauthn": "a passkey re-authentication in progress",
    "account_set_password": "only for accounts without a password, which Belong never makes",
    # Second-factor pages for staff that need a second factor of another kind first.
    "mfa_deactivate_totp": "allauth refuses to remove the last factor a staff member must hold",
    "mfa_view_recovery_codes": "only after recovery codes were made",
    "mfa_download_recovery_codes": "only after recovery codes were made",
    "mfa_generate_recovery_codes": "asks for a fresh authenticator code first",
    "mfa_add_webauthn": "asks for a fresh authenticator code first",
    "mfa_remove_webauthn": "a registered passkey, which the walk's staff has none of",
    "mfa_edit_webauthn": "a registered passkey, which the walk's staff has none of",
}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is added as a script tag; a Content-Security-Policy must not stop the test tool.
    return {**browser_context_args, "bypass_csp": True}


def _sessions(user, *, staff: bool, second_factor: bool = True, password_again: bool = False):
    client = Client()
    if staff:
        sign_in_staff(client, user, second_factor=second_factor, password_again=password_again)
    else:
        client.force_login(user)
    return client


def _browser_page(browser, live_server, client: Client, *, bypass_csp: bool = True):
    # A phone's width, as many citizens have: every page must also reflow without sideways
    # scrolling at 320 CSS pixels (WCAG 1.4.10, the same as 1280 px at 400% zoom).
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 320, "height": 640})
    if "sessionid" in client.cookies:
        cookie = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _as_served(page, url: str) -> list[str]:
    """Open `url` with the page's Content-Security-Policy in force (the axe pages bypass it
    to add axe) and say what the policy refused, what failed in the page's scripts, and
    which images did not load."""
    seen: list[str] = []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            seen.append(f"CSP: {message.text[:200]}")

    def on_error(error):
        seen.append(f"script error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        broken = page.evaluate(
            "() => [...document.images].filter(i => !i.complete || !i.naturalWidth)"
            ".map(i => i.getAttribute('src').slice(0, 60))"
        )
        seen.extend(f"image did not load: {src}" for src in broken)
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
    return seen


def _is_page(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def test_every_page_passes_axe(browser, live_server, world, aalborg):  # noqa: F811
    new_staff = UserFactory(display_name="Nina")
    grant_role(granted_by=None, user=new_staff, municipality=aalborg, role="moderator")
    clients = {
        "citizen": _sessions(world.citizen, staff=False),
        "staff": _sessions(world.staff, staff=True),
        "new staff": _sessions(new_staff, staff=True, second_factor=False, password_again=True),
        "anonymous": Client(),
    }
    pages = {who: _browser_page(browser, live_server, c) for who, c in clients.items()}
    served = {
        who: _browser_page(browser, live_server, c, bypass_csp=False) for who, c in clients.items()
    }
    problems, checked, no_page = [], [], []
    for route in ROUTES:
        # allauth writes some of its patterns as regular expressions ("accounts/^saml/...").
        if route.pattern.replace("^", "").startswith(tuple(NOT_OURS)) or route.name in NOT_A_PAGE:
            continue
        path = url_for(route, world)
        # The test client finds who meets a page there; the browser then opens it.
        answers = {}
        for who, client in clients.items():
            answers[who] = client.get(path)
            if _is_page(answers[who]):
                break
        else:
            if not any(answer.status_code == 405 for answer in answers.values()):
                statuses = ", ".join(f"{w} {a.status_code}" for w, a in answers.items())
                no_page.append(f"{route}: {statuses}")
            continue
        page = pages[who]
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{route} as {who}: {response.status} at {page.url}"
        checked.append(f"{route} as {who}")
        violations = axe_violations(page)
        if violations:
            problems.append(f"{route} as {who} ({page.url}):\n{describe(violations)}")
        width, window = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if width > window:
            problems.append(f"{route} as {who} ({page.url}) scrolls sideways: {width} > {window}")
        for problem in _as_served(served[who], live_server.url + path):
            problems.append(f"{route} as {who} ({path}): {problem}")
    print("\n".join(["checked:", *checked, "no page:", *no_page]))
    assert not problems, "axe-core found problems:\n\n" + "\n\n".join(problems)
    assert not no_page, (
        "These routes showed no page to anyone; add each to NOT_A_PAGE with the reason (or "
        "give the walk's world what the page needs):\n" + "\n".join(no_page)
    )
    assert len(checked) >= 55, checked  # the walk really reached the pages


def test_the_code_pages_pass_axe(page, live_server, aalborg_postcode, citizen, mailoutbox):
    """The pages of a login in progress: the code a citizen types after asking for one, and
    the e-mail code after sign-up."""
    page.goto(f"{live_server.url}/accounts/login/code/")
    page.get_by_label("E-mail").fill(citizen.email)
    page.get_by_role("main").get_by_role("button").first.click()
    expect(page.get_by_label("Kode")).to_be_visible()
    assert "/accounts/login/code/confirm/" in page.url
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("E-mail", exact=True).fill("karen@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_label("Dit navn").fill("Karen")
    page.get_by_label("Dag", exact=True).fill("17")
    page.get_by_label("Måned", exact=True).fill("5")
    page.get_by_label("År", exact=True).fill("1985")
    page.get_by_label("Kvinde").check()
    page.get_by_label("Postnummer").fill("9000")
    page.get_by_label("Jeg har læst Belongs vilkår").check()
    page.get_by_role("main").get_by_role("button", name="Opret konto").click()
    expect(page.get_by_label("Kode")).to_be_visible()
    assert "/accounts/confirm-email/" in page.url
    assert_no_axe_violations(page)
