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
