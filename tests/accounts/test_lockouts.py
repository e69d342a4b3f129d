"""Fair lockouts: guesses slow an attacker without locking out the owner. Limits count per
account (or login name) and address together; a lockout answers 429 with Retry-After and
leaves a way in (a code by e-mail, or help with the personal code)."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from belong.assisted.services import issue_personal_code
from belong.municipalities.models import StaffRole
from tests.factories import PASSWORD, UserFactory
from tests.staff import make_staff

ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"
CARE_HOME = "192.0.2.44"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def account_limits(settings):
    def set_rate(action, rate):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}

    return set_rate


def wrong_password(client, email, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": "wrong-guess"}, REMOTE_ADDR=address
    )


def test_guesses_from_elsewhere_do_not_lock_out_the_owner(client, citizen, account_limits):
    account_limits("login_failed", "100/m/ip,5/5m/key")
    for _ in range(5):
        assert wrong_password(client, citizen.email, ATTACKER).status_code == 200
    locked = wrong_password(client, citizen.email, ATTACKER)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 300
    page = text(locked)
    assert "af hensyn til din sikkerhed" in page.lower()
    assert f'value="{citizen.email}"' in page  # what was typed is kept
    assert reverse("account_request_login_code") in page  # the way in by code

    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}, REMOTE_ADDR=OWNER
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.pk


def test_guesses_spread_over_many_addresses_pause_passwords_but_a_code_gets_in(
    client, citizen, account_limits
):
    account_limits("login_failed", "100/m/ip,5/5m/key")
    account_limits("login_failed_account", "3/h/key")
    for n in range(3):
        assert wrong_password(client, citizen.email, f"203.0.113.{n + 1}").status_code == 200
    locked = wrong_password(client, citizen.email, "203.0.113.99")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3600

    # The owner, while passwords are paused, logs in with a code sent to her e-mail.
    client.post(reverse("account_request_login_code"), {"email": citizen.email}, REMOTE_ADDR=OWNER)
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    client.post(reverse("account_confirm_login_code"), {"code": code}, REMOTE_ADDR=OWNER)
    assert int(client.session["_auth_user_id"]) == citizen.pk


def test_a_right_password_does_not_count_against_the_owner(client, citizen, account_limits):
    account_limits("login_failed", "100/m/ip,2/5m/key")
    account_limits("login_failed_account", "2/h/key")
    for _ in range(4):
        response = client.post(
            reverse("account_login"),
            {"login": citizen.email, "password": PASSWORD},
            REMOTE_ADDR=OWNER,
        )
        assert response.status_code == 302
        client.logout()


# --- Personal codes ---------------------------------------------------------------------------


@pytest.fixture
def care_home_residents(aalborg, aalborg_postcode):
    """Three citizens who log in with personal codes at one care home."""
    staff = make_staff(aalborg, StaffRole.Role.FACILITATOR)
    residents = []
    for n in range(3):
        person = UserFactory(display_name=f"Beboer {n}", postcode=aalborg_postcode)
        code = issue_personal_code(staff=staff, citizen=person)
        person.refresh_from_db()
        residents.append((person, person.personal_code.login_name, code))
    return residents


def code_login(client, login_name, code, address=CARE_HOME):
    return client.post(
        reverse("code_login"), {"login_name": login_name, "code": code}, REMOTE_ADDR=address
    )


def test_one_residents_mistakes_do_not_lock_out_the_others_at_a_shared_address(
    client, settings, care_home_residents
):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "code_login": "3/h"}
    (_first, first_name, _code), (second, second_name, second_code), _ = care_home_residents
    for _ in range(3):
        assert code_login(client, first_name, "WRONG-CODE1").status_code == 200
    locked = code_login(client, first_name, "WRONG-CODE1")
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 3600
    page = text(locked)
    assert "Du har gjort det mange gange på kort tid" in page
    assert f'value="{first_name}"' in page
    assert reverse("help_request") in page

    response = code_login(client, second_name, second_code)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == second.pk


def test_guessing_many_names_from_one_address_is_stopped(client, settings, care_home_residents):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "code_login_address": "4/h"}
    for n in range(4):
        code_login(client, f"nobody-{n}", "WRONG-CODE1", address=ATTACKER)
    assert code_login(client, "nobody-9", "WRONG-CODE1", address=ATTACKER).status_code == 429
    person, login_name, code = care_home_residents[0]
    assert code_login(client, login_name, code).status_code == 302  # the care home is not hit
