"""Staff login with the municipality's own identity provider (SAML through allauth), against a
real identity provider in a process of its own (tests/saml_idp/): it signs in staff only, the
second factor is still Belong's, a changed or unsigned answer is refused, and without
configuration nothing is offered."""

import base64
import html
import re
import time
from urllib.parse import urlsplit

import pytest
import requests
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from belong.accounts.models import User
from belong.municipalities.models import StaffRole
from belong.municipalities.services import revoke_role
from belong.settings_saml import BELONG_STAFF_SAML_PROVIDER_ID
from tests.factories import PASSWORD as BELONG_PASSWORD
from tests.html import validate_html
from tests.saml_idp.process import PASSWORD, SLUG, running_idp, staff_saml_settings
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role
STAFF_BUTTON = "Log ind som medarbejder hos kommunen"
REFUSED = "Denne indgang er for kommunens medarbejdere"
PEOPLE = {
    "mette": {"email": "Mette.Hansen@aalborg.dk", "uid": "S-1-5-21-1001"},
    "anne": {"email": "anne@example.dk", "uid": "S-1-5-21-1002"},
    "ukendt": {"email": "ukendt@aalborg.dk", "uid": "S-1-5-21-1003"},
    "vera": {"email": "vera@vejle.dk", "uid": "S-1-5-21-1004"},
}
# Serialized rollback: allauth's login records and signals run after commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def client():
    """A host name python3-saml takes for a URL (it refuses single labels like "testserver")."""
    return Client(SERVER_NAME="localhost")


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    with running_idp(tmp_path_factory.mktemp("saml"), people=PEOPLE) as running:
        yield running


@pytest.fixture
def configured(settings, idp):
    staff_saml_settings(settings, idp)
    return idp


@pytest.fixture
def mette(aalborg):
    return make_staff(aalborg, Role.MODERATOR, email="mette.hansen@aalborg.dk")


def totp_code(user) -> str:
    return format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))


def answer_from_the_idp(client, idp, who: str, *, next_url: str = "", process: str = ""):
    """Start at Belong, log in at the identity provider as a person would (its login form),
    and return the form it sends back to Belong: (ACS path, SAMLResponse, RelayState)."""
    data = {key: value for key, value in (("next", next_url), ("process", process)) if value}
    start = client.post(reverse("saml_login", args=[SLUG]), data)
    assert start.status_code == 302, start.content[:500]
    assert start["Location"].startswith(f"{idp.url}/sso?SAMLRequest=")
    browser = requests.Session()
    login = browser.get(start["Location"], timeout=10)
    assert "Kommunens login (test)" in login.text
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', login.text)
    }
    answer = browser.post(
        f"{idp.url}/sso", data={**fields, "username": who, "password": PASSWORD}, timeout=10
    )
    action = html.unescape(
        re.search(r'<form id="answer" method="post" action="([^"]+)"', answer.text).group(1)
    )
    hidden = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', answer.text))
    return urlsplit(action).path, hidden["SAMLResponse"], html.unescape(hidden["RelayState"])


def back_at_belong(client, acs: str, saml_response: str, relay_state: str = ""):
    return client.post(acs, {"SAMLResponse": saml_response, "RelayState": relay_state}, follow=True)


def log_in(client, idp, who: str, **kwargs):
    return back_at_belong(client, *answer_from_the_idp(client, idp, who, **kwargs))


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_staff_log_in_then_give_the_second_factor_then_see_the_staff_page(
    client, configured, mette
):
    staff_url = reverse("staff_home")
    first = log_in(client, configured, "mette", next_url=staff_url)
    assert first.status_code == 200
    assert first.redirect_chain[-1][0].startswith(reverse("mfa_authenticate"))
    assert not signed_in(client)  # not before the second factor

    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(mette)}, follow=True)
    assert done.redirect_chain[-1][0] == staff_url
    assert done.status_code == 200
    validate_html(done.content)
    assert int(client.session["_auth_user_id"]) == mette.pk

    link = SocialAccount.objects.get(user=mette)
    assert (link.provider, link.uid) == (BELONG_STAFF_SAML_PROVIDER_ID, "S-1-5-21-1001")
    mette.refresh_from_db()
    assert mette.is_staff and not mette.is_superuser
    assert set(mette.staff_roles.values_list("role", flat=True)) == {Role.MODERATOR}


def test_the_second_login_follows_the_link_and_still_asks_for_the_second_factor(
    client, configured, mette
):
    log_in(client, configured, "mette")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(mette)})
    client.logout()

    again = log_in(client, configured, "mette", next_url=reverse("staff_home"))
    assert again.redirect_chain[-1][0].startswith(reverse("mfa_authenticate"))
    assert SocialAccount.objects.filter(user=mette).count() == 1


def test_staff_without_an_authenticator_set_one_up_as_after_a_password_login(
    client, configured, mette
):
    """The rules of the password login hold: Belong's password once more before the first
    authenticator is set up, and the code from it before the staff page opens."""
    mette.authenticator_set.all().delete()
    staff_url = reverse("staff_home")
    log_in(client, configured, "mette", next_url=staff_url)
    assert signed_in(client)
    setup = client.get(staff_url, follow=True)
    chain = [url for url, _status in setup.redirect_chain]
    assert chain[0].startswith(reverse("mfa_activate_totp"))
    assert chain[-1].startswith(reverse("account_reauthenticate"))

    again = client.post(chain[-1], {"password": BELONG_PASSWORD}, follow=True)
    assert again.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))
    secret = again.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    done = client.post(again.redirect_chain[-1][0], {"code": code, "next": staff_url}, follow=True)
    assert done.redirect_chain[-1][0] == staff_url and done.status_code == 200


def test_a_citizen_is_refused_kindly_and_not_made_staff(client, configured, citizen):
    refused = log_in(client, configured, "anne")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert REFUSED in page and "log ind med din e-mail" in page
    validate_html(refused.content)
    assert not signed_in(client)
    citizen.refresh_from_db()
    assert not citizen.is_staff
    assert not SocialAccount.objects.exists()


def test_an_identity_nobody_has_is_refused_and_no_account_is_made(client, configured, mette):
    accounts = User.objects.count()
    refused = log_in(client, configured, "ukendt")
    assert refused.status_code == 403 and REFUSED in refused.content.decode()
    assert not signed_in(client)
    assert User.objects.count() == accounts
    assert not SocialAccount.objects.exists()


def test_staff_of_another_municipality_is_refused_when_one_is_configured(
    client, settings, idp, mette, vejle_postcode
):
    staff_saml_settings(settings, idp, municipality="851")
    vera = make_staff(vejle_postcode.municipality, Role.ADMINISTRATOR, email="vera@vejle.dk")
    refused = log_in(client, idp, "vera")
    assert refused.status_code == 403
    assert not SocialAccount.objects.filter(user=vera).exists()
    assert (
        log_in(client, idp, "mette").redirect_chain[-1][0].startswith(reverse("mfa_authenticate"))
    )


def test_a_linked_staff_member_whose_roles_are_gone_is_refused(client, configured, mette, aalborg):
    log_in(client, configured, "mette")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(mette)})
    client.logout()
    revoke_role(user=mette, municipality=aalborg, role=Role.MODERATOR)

    refused = log_in(client, configured, "mette")
    assert refused.status_code == 403 and REFUSED in refused.content.decode()
    assert not signed_in(client)


def test_the_identity_is_not_connected_to_a_signed_in_account(client, configured, mette):
    sign_in_staff(client, mette)
    refused = log_in(client, configured, "mette", process="connect")
    assert refused.status_code == 403
    assert not SocialAccount.objects.exists()


def changed(saml_response: str, old: str, new: str) -> str:
    xml = base64.b64decode(saml_response).decode()
    assert old in xml
    return base64.b64encode(xml.replace(old, new).encode()).decode()


def unsigned(saml_response: str) -> str:
    xml = base64.b64decode(saml_response).decode()
    xml = re.sub(r"<ds:Signature.*</ds:Signature>", "", xml, flags=re.DOTALL)
    assert "Signature" not in xml
    return base64.b64encode(xml.encode()).decode()


@pytest.mark.parametrize("tamper", ["changed", "unsigned"])
def test_a_changed_or_unsigned_answer_is_refused(client, configured, mette, citizen, tamper):
    acs, saml_response, relay_state = answer_from_the_idp(client, configured, "anne")
    if tamper == "changed":
        # A citizen's answer, with the staff member's e-mail written in after signing.
        saml_response = changed(saml_response, "anne@example.dk", "mette.hansen@aalborg.dk")
    else:
        saml_response = changed(
            unsigned(saml_response), "anne@example.dk", "mette.hansen@aalborg.dk"
        )
    refused = back_at_belong(client, acs, saml_response, relay_state)
    assert refused.status_code == 401
    assert "Det lykkedes ikke at logge ind" in refused.content.decode()
    assert reverse("mfa_authenticate") not in str(refused.redirect_chain)
    assert not signed_in(client)
    assert not SocialAccount.objects.exists()


def test_an_answer_nobody_asked_for_is_refused(client, configured, mette):
    acs, saml_response, relay_state = answer_from_the_idp(client, configured, "mette")
    other = Client(SERVER_NAME="localhost")
    refused = back_at_belong(other, acs, saml_response, relay_state)
    assert "_auth_user_id" not in other.session
    assert reverse("mfa_authenticate") not in str(refused.redirect_chain)
    assert not SocialAccount.objects.exists()


def test_the_login_page_offers_the_staff_login_and_the_signup_page_does_not(client, configured):
    login = client.get(reverse("account_login"))
    page = login.content.decode()
    validate_html(login.content)
    assert STAFF_BUTTON in page
    assert reverse("saml_login", args=[SLUG]) in page
    assert STAFF_BUTTON not in client.get(reverse("account_signup")).content.decode()
    step = client.get(reverse("saml_login", args=[SLUG]))
    assert step.status_code == 200 and "kommunens login" in step.content.decode()


def test_belong_serves_its_metadata_for_the_identity_provider(client, configured):
    metadata = client.get(reverse("saml_metadata", args=[SLUG]))
    assert metadata.status_code == 200
    xml = metadata.content.decode()
    acs = f"http://localhost{reverse('saml_acs', args=[SLUG])}"
    assert f'Location="{acs}"' in xml
    assert f'entityID="http://localhost{reverse("saml_metadata", args=[SLUG])}"' in xml


def test_the_identity_provider_may_be_read_from_its_metadata(client, settings, idp, mette):
    staff_saml_settings(settings, idp, metadata=True)
    landed = log_in(client, idp, "mette")
    assert landed.redirect_chain[-1][0].startswith(reverse("mfa_authenticate"))


def test_without_configuration_no_staff_login_is_offered(client):
    assert STAFF_BUTTON not in client.get(reverse("account_login")).content.decode()
    assert client.get(reverse("saml_login", args=[SLUG])).status_code == 404
    assert client.post(reverse("saml_login", args=[SLUG])).status_code == 404
    assert client.get(reverse("saml_metadata", args=[SLUG])).status_code == 404
    answer = client.post(reverse("saml_acs", args=[SLUG]), {"SAMLResponse": "x"}, follow=True)
    assert answer.status_code == 404
    assert not signed_in(client)


def test_a_request_without_a_host_header_is_answered_not_crashed(settings, configured):
    """allauth's SAML views read the Host header themselves; a client may send none."""
    metadata = Client(SERVER_NAME="localhost").get(reverse("saml_metadata", args=[SLUG]))
    assert metadata.status_code == 200
    settings.ALLOWED_HOSTS = ["belong.example.dk"]
    stranger = Client(SERVER_NAME="evil.example")
    assert stranger.get(reverse("saml_metadata", args=[SLUG])).status_code == 400
