"""Administrators give and take staff roles in their own municipality; every change is logged."""

import pytest
from django.urls import reverse

from belong.municipalities.models import StaffRole, StaffRoleChange
from tests.factories import MunicipalityFactory, UserFactory, years_ago
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role


@pytest.fixture
def admin(aalborg, aalborg_postcode):
    return make_staff(aalborg, "administrator", display_name="Mette", postcode=aalborg_postcode)


def test_the_roles_include_facilitator_and_analyst_with_the_agreed_values():
    assert Role.FACILITATOR == "facilitator" and Role.ANALYST == "analyst"
    assert {"administrator", "moderator", "it_supporter", "facilitator", "analyst"} == set(
        Role.values
    )


def test_an_administrator_gives_a_role_and_it_is_logged(client, aalborg, admin):
    lone = UserFactory(email="lone@example.dk", display_name="Lone")
    sign_in_staff(client, admin)
    url = reverse("staff_roles", args=[aalborg.pk])
    validate_html(client.get(url).content)
    response = client.post(url, {"email": "LONE@example.dk", "role": "facilitator"})
    assert response.status_code == 302
    assert StaffRole.objects.filter(user=lone, municipality=aalborg, role="facilitator").exists()
    lone.refresh_from_db()
    assert lone.is_staff
    change = StaffRoleChange.objects.get(user=lone)
    assert (change.role, change.change, change.changed_by, change.municipality) == (
        "facilitator",
        "granted",
        admin,
        aalborg,
    )
    page = client.get(url).content.decode()
    validate_html(page)
    assert "Lone" in page and "Facilitator" in page and "Givet" in page


def test_an_administrator_takes_a_role_away_and_it_is_logged(client, aalborg, admin):
    lone = make_staff(aalborg, "analyst", display_name="Lone")
    role = StaffRole.objects.get(user=lone)
    sign_in_staff(client, admin)
    response = client.post(reverse("staff_role_remove", args=[role.pk]))
    assert response.status_code == 302
    assert not StaffRole.objects.filter(user=lone).exists()
    lone.refresh_from_db()
    assert not lone.is_staff  # no role left anywhere
    removal = StaffRoleChange.objects.get(user=lone, change="removed")
    assert removal.changed_by == admin and removal.role == "analyst"


def test_the_last_administrator_cannot_be_removed(client, aalborg, admin):
    role = StaffRole.objects.get(user=admin, role="administrator")
    sign_in_staff(client, admin)
    response = client.post(reverse("staff_role_remove", args=[role.pk]), follow=True)
    assert "mindst én administrator" in response.content.decode()
    assert StaffRole.objects.filter(pk=role.pk).exists()


def test_unknown_people_minors_and_roles_held_are_refused_politely(client, aalborg, admin):
    UserFactory(email="sofie@example.dk", birth_date=years_ago(15))
    make_staff(aalborg, "moderator", email="mod@example.dk")
    sign_in_staff(client, admin)
    url = reverse("staff_roles", args=[aalborg.pk])
    for email, role, message in [
        ("ingen@example.dk", "moderator", "Der er ingen konto med den e-mail"),
        ("sofie@example.dk", "moderator", "kun for voksne"),
        ("mod@example.dk", "moderator", "allerede den rolle"),
        ("ikke-en-mail", "moderator", "e-mail"),
        ("mod@example.dk", "boss", "Marker en gyldig valgmulighed"),
    ]:
        response = client.post(url, {"email": email, "role": role})
        page = response.content.decode()
        assert response.status_code == 400, email
        assert message in page, (email, role)
        assert f'value="{email}"' in page  # what was typed is kept
    assert StaffRoleChange.objects.filter(changed_by=admin).count() == 0


def test_the_log_is_append_only(aalborg, admin):
    change = StaffRoleChange.objects.filter(user=admin).first()
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        change.delete()
    with pytest.raises(PermissionError):
        StaffRoleChange.objects.all().update(role="moderator")
    with pytest.raises(PermissionError):
        StaffRoleChange.objects.all().delete()


def test_another_municipalitys_administrator_cannot_touch_the_roles(client, aalborg, admin):
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    far_admin = make_staff(aarhus, "administrator")
    UserFactory(email="lone@example.dk")
    sign_in_staff(client, far_admin)
    url = reverse("staff_roles", args=[aalborg.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "lone@example.dk", "role": "moderator"}).status_code == 404
    role = StaffRole.objects.get(user=admin)
    assert client.post(reverse("staff_role_remove", args=[role.pk])).status_code == 404
    assert not StaffRole.objects.filter(municipality=aalborg, role="moderator").exists()


def test_a_moderator_cannot_give_roles(client, aalborg):
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    assert client.get(reverse("staff_roles", args=[aalborg.pk])).status_code == 404


def test_the_roles_page_has_a_fixed_query_budget(
    client, aalborg, admin, django_assert_max_num_queries
):
    for n in range(15):
        make_staff(aalborg, "moderator", "facilitator", display_name=f"Person {n}")
    sign_in_staff(client, admin)
    url = reverse("staff_roles", args=[aalborg.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("Person 14") >= 2
