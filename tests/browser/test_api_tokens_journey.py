"""A citizen makes an API key on the profile page, uses it once from a program, and deletes
it: all by labels and button names, as a screen reader user would."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_api_key_is_made_used_and_deleted(page, live_server, aalborg_postcode):
    UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)
    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/profil/")
    page.get_by_label("Navn på nøglen").fill("Min telefon")
    page.get_by_role("button", name="Lav nøgle").click()
    key = page.get_by_label("Ny API-nøgle").input_value()
    assert key.startswith("bl_")

    answer = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 200 and answer.json()["display_name"] == "Anne"

    page.reload()
    expect(page.get_by_label("Ny API-nøgle")).to_have_count(0)
    page.get_by_role("button", name="Slet nøglen Min telefon").click()
    expect(page.get_by_text("Du har ingen API-nøgler.")).to_be_visible()
    answer = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 401
