"""A citizen downloads their data and opens the zip's files to find their posts and
messages; then deletes their account, and the other person's conversation shows
"Slettet bruger" beside their own words."""

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from belong.messaging.services import send_message, start_conversation
from belong.privacy.services import erase_due
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is added as a script tag; a Content-Security-Policy must not stop the test tool.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def talk(aalborg_postcode, settings, tmp_path):
    settings.BELONG_TOMBSTONE_FILE = tmp_path / "erased-accounts.txt"
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)
    ole = UserFactory(email="ole@example.dk", display_name="Ole", postcode=aalborg_postcode)
    walk = make_post(ole, title="Gåtur ved fjorden")
    make_post(anne, title="Ny i byen og glad for brætspil")
    first = start_conversation(
        sender=anne, post=walk, body="Hej Ole, jeg går gerne med", client_token=None
    )
    send_message(
        sender=ole, conversation=first.conversation, body="Skønt, Anne! Søndag?", client_token=None
    )
    return anne, ole, first.conversation


def test_a_citizen_downloads_their_data_and_finds_posts_and_messages(page, live_server, talk):
    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/profil/")
    page.get_by_role("link", name="Mine data").click()
    assert_no_axe_violations(page)
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Hent mine data").click()
    archive = zipfile.ZipFile(io.BytesIO(open(waiting.value.path(), "rb").read()))
    assert "Dine data fra Belong" in archive.read("README.txt").decode()
    posts = json.loads(archive.read("posts/posts.json"))
    assert [p["title"] for p in posts] == ["Ny i byen og glad for brætspil"]
    messages = archive.read("messaging/conversation_messages.csv").decode()
    assert "Hej Ole, jeg går gerne med" in messages and "Skønt, Anne! Søndag?" in messages


def test_a_citizen_deletes_their_account_and_the_other_sees_slettet_bruger(page, live_server, talk):
    anne, ole, conversation = talk
    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/profil/mine-data/")
    page.get_by_role("link", name="Slet min konto").click()
    # The password was typed a moment ago: a fresh login, so no second ask.
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, slet min konto").click()
    expect(page.get_by_text("Din konto bliver slettet den")).to_be_visible()

    erase_due(now=timezone.now() + datetime.timedelta(days=15))

    log_in(page, live_server, "ole@example.dk")
    page.goto(f"{live_server.url}/beskeder/{conversation.pk}/")
    expect(page.get_by_role("heading", name="Samtale med Slettet bruger")).to_be_visible()
    expect(page.get_by_text("Skønt, Anne! Søndag?")).to_be_visible()
    expect(page.get_by_text("Hej Ole, jeg går gerne med")).to_have_count(0)
