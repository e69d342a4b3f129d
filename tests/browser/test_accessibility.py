"""Every page type passes axe-core (WCAG 2.0/2.1/2.2 A + AA) in Debian's chromium."""

from __future__ import annotations

import pytest
from django.test import Client

from belong.messaging.services import start_conversation
from belong.municipalities.models import StaffRole
from tests.browser.axe import assert_no_axe_violations
from tests.factories import UserFactory, make_post
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
    return {"citizen": citizen, "post": post, "conversation": conversation, "staff": staff}


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
    ("staff_home", "staff", lambda w: "/personale/"),
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
