"""A new staff member's first day: log in once, set up the authenticator app, and land on the
staff page they were heading to; the recovery codes are one click away."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from belong.municipalities.models import StaffRole
from tests.factories import PASSWORD
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_new_staff_go_from_the_login_to_the_staff_page(page, live_server, aalborg):
    moderator = make_staff(aalborg, StaffRole.Role.MODERATOR, email="ny.moderator@example.dk")
    moderator.authenticator_set.all().delete()

    page.goto(f"{live_server.url}/personale/moderation/")
    page.get_by_label("E-mail").fill(moderator.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()

    # Straight to the authenticator app: the password is not asked for again.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/\?next="))
    secret = page.get_by_label("Hemmelig nøgle").input_value()
    page.get_by_label("Kode fra appen").fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    page.get_by_role("main").get_by_role("button", name="Aktiver").click()

    expect(page).to_have_url(f"{live_server.url}/personale/moderation/")
    expect(page.get_by_role("status")).to_contain_text("Din godkendelsesapp er klar.")
    page.get_by_role("link", name="Se dine reservekoder").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
