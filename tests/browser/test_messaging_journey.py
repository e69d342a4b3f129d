"""Two citizens in two browsers: Bo writes to Anne from her post, Anne sees it and answers
with a ready-made reply, and each sees the other's message appear live over the socket."""

import socket
import threading
import time

import pytest
import uvicorn
from channels.layers import channel_layers
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def asgi_live_server(settings, transactional_db, short_lived_connections):
    """belong.asgi (HTTP and WebSockets) served by uvicorn in a thread, on the test database,
    with the in-memory channel layer shared by the views and the consumers."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    from belong.asgi import build_application

    # Built now, so that its middleware sees the test settings (static files from finders).
    application = build_application()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    channel_layers.backends.clear()


def log_in(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def wait_until_live(page):
    # Not wait_for_function: its polling evaluates strings, which the page's CSP forbids.
    expect(page.get_by_role("region", name="Beskeder")).to_have_attribute("data-live", "on")


def test_one_writes_the_other_sees_it_live_and_replies_kindly(
    browser, asgi_live_server, nordjylland
):
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=nordjylland["9000"])
    UserFactory(email="bo@example.dk", display_name="Bo", postcode=nordjylland["9400"])
    post = make_post(anne, title="Gåtur ved fjorden", body="Jeg søger en at gå med om lørdagen.")
    url = asgi_live_server

    bo = browser.new_context().new_page()
    bo.set_default_timeout(15_000)
    log_in(bo, url, "bo@example.dk")
    bo.goto(f"{url}/opslag/{post.pk}/")
    expect(bo.get_by_text("Har ikke fået mange beskeder her endnu")).to_be_visible()
    bo.get_by_role("link", name="Skriv til Anne").click()
    bo.get_by_label("Din besked til Anne").fill("Hej Anne!\nJeg går også gerne ved fjorden.")
    bo.get_by_role("button", name="Send").click()
    expect(bo.get_by_text("Din besked er sendt.")).to_be_visible()
    wait_until_live(bo)

    anne_page = browser.new_context().new_page()
    anne_page.set_default_timeout(15_000)
    log_in(anne_page, url, "anne@example.dk")
    inbox_link = anne_page.get_by_role("navigation").get_by_role("link", name="Beskeder")
    expect(inbox_link).to_contain_text("1")
    inbox_link.click()
    anne_page.get_by_role("link", name="Bo").click()
    expect(anne_page.get_by_text("Jeg går også gerne ved fjorden.")).to_be_visible()
    wait_until_live(anne_page)

    # Anne answers with one tap; Bo's open page shows it without a reload or polling.
    anne_page.get_by_role(
        "button", name="Tak for din besked! Jeg vil gerne høre mere om dig."
    ).click()
    expect(
        bo.get_by_role("listitem").filter(
            has_text="Tak for din besked! Jeg vil gerne høre mere om dig."
        )
    ).to_be_visible(timeout=4_000)

    # And Bo's next message appears live on Anne's page.
    wait_until_live(anne_page)
    bo.get_by_label("Din besked").fill("Skal vi gå en tur på lørdag?")
    bo.get_by_role("button", name="Send", exact=True).click()
    expect(anne_page.get_by_text("Skal vi gå en tur på lørdag?")).to_be_visible(timeout=4_000)
