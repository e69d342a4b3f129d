"""An operator opens Django's admin the way staff open every staff page: Belong's login, then
the authenticator code, then back where they were going."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from belong.core.models import StaffAccess
from tests.factories import PASSWORD
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_admin_opens_after_the_login_and_the_second_factor(page, live_server, citizen):
    boss = make_staff(
        citizen.postcode.municipality, email="drift@example.dk", is_staff=True, is_superuser=True
    )
    secret = boss.totp_secret

    page.goto(f"{live_server.url}/admin/accounts/user/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/admin/accounts/user/")
    page.get_by_label("E-mail").fill(boss.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    code = page.get_by_role("textbox").first
    code.wait_for()
    code.fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("main").get_by_role("button").first.click()

    expect(page).to_have_url(f"{live_server.url}/admin/accounts/user/")
    page.get_by_role("link", name=citizen.email).click()
    expect(page.get_by_label("Visningsnavn")).to_have_value(citizen.display_name)
    assert StaffAccess.objects.filter(staff=boss, subject=citizen).count() == 1
