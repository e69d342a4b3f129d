import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from tests.factories import MunicipalityFactory
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role


def test_staff_act_only_in_their_municipalities(aalborg):
    other = MunicipalityFactory(code=101, name="København")
    moderator = make_staff(aalborg, Role.MODERATOR, Role.IT_SUPPORTER)

    assert has_role(moderator, Role.MODERATOR, municipality=aalborg)
    assert not has_role(moderator, Role.MODERATOR, municipality=other)
    assert not has_role(moderator, Role.ANALYST)
    assert list(municipalities_for(moderator, Role.IT_SUPPORTER)) == [aalborg]
    assert not municipalities_for(moderator, Role.ADMINISTRATOR).exists()


def test_staff_home_needs_a_second_factor(client, aalborg):
    moderator = make_staff(aalborg, Role.MODERATOR)
    url = reverse("staff_home")

    sign_in_staff(client, moderator, second_factor=False)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))

    sign_in_staff(client, moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Aalborg" in response.content.decode()


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, aalborg):
    moderator = make_staff(aalborg, Role.MODERATOR)
    moderator.authenticator_set.all().delete()
    client.force_login(moderator)
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_citizens_and_anonymous_users_cannot_open_staff_pages(client, citizen):
    url = reverse("staff_home")
    assert client.get(url).status_code == 302  # to login
    client.force_login(citizen)
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # allauth signals after commit
def test_a_new_staff_member_sets_up_an_authenticator_and_goes_on(client, aalborg):
    """The QR code is drawn in the page (an image from a data: address is refused by the
    Content-Security-Policy), and the code typed to set the app up counts as the second
    factor, so the staff page opens straight after."""
    moderator = make_staff(aalborg, Role.MODERATOR)
    moderator.authenticator_set.all().delete()
    sign_in_staff(client, moderator, second_factor=False, password_again=True)

    page = client.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="img"' in html and "<svg" in html and 'id="qr-path"' in html
    assert "data:image" not in html
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    done = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert done.status_code == 302
    assert client.get(reverse("staff_home")).status_code == 200
