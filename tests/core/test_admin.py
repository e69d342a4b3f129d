"""Django's admin is a staff page like the others: Belong's own login, a second factor, and
every opened record of a person's data in the staff-access log."""

import pytest
from django.test import Client
from django.urls import reverse

from belong.core.models import StaffAccess
from belong.moderation.services import report_content
from belong.safety.models import Report
from tests.factories import PASSWORD, UserFactory, make_post
from tests.staff import make_staff, sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(aalborg_postcode):
    return make_staff(
        aalborg_postcode.municipality,
        email="drift@example.dk",
        display_name="Drift",
        postcode=aalborg_postcode,
        is_staff=True,
        is_superuser=True,
    )


def test_anonymous_visitors_are_sent_to_belongs_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=/admin/" in response.redirect_chain[-1][0]


def test_the_admin_has_no_password_form_of_its_own(client, superuser):
    """A password alone must not open the admin: the old admin login took one."""
    response = client.post(
        reverse("admin:login"), {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_alone_is_not_enough_for_a_superuser(client, superuser):
    sign_in_staff(client, superuser, second_factor=False)
    response = client.get("/admin/accounts/user/", follow=True)
    last = response.redirect_chain[-1][0]
    assert last.startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fadmin%2Faccounts%2Fuser%2F" in last


def test_a_superuser_without_an_authenticator_is_sent_to_set_one_up(client, aalborg_postcode):
    boss = UserFactory(postcode=aalborg_postcode, is_staff=True, is_superuser=True)
    sign_in_staff(client, boss, second_factor=False)
    response = client.get("/admin/", follow=True)
    # ... and on to the admin once it is set up.
    setup = f"{reverse('mfa_activate_totp')}?next=%2Fadmin%2F"
    assert setup in [url for url, _status in response.redirect_chain]


def test_with_the_second_factor_the_admin_opens(client, superuser):
    sign_in_staff(client, superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:login")).url == reverse("admin:index")


def test_signed_in_citizens_are_refused(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("admin:login")).status_code == 403
    assert client.get("/admin/").status_code == 302  # to the login above, which refuses


def test_opening_a_citizens_record_is_logged(client, superuser, citizen):
    sign_in_staff(client, superuser)
    assert client.get(reverse("admin:accounts_user_change", args=[citizen.pk])).status_code == 200
    row = StaffAccess.objects.get(subject=citizen)
    assert (row.staff, row.municipality, row.action) == (
        superuser,
        citizen.postcode.municipality,
        f"admin:accounts.user:{citizen.pk}",
    )


def test_lists_of_personal_data_are_logged_with_their_search(client, superuser):
    sign_in_staff(client, superuser)
    client.get(reverse("admin:accounts_user_changelist"), {"q": "anne"})
    row = StaffAccess.objects.get()
    assert row.action == "admin:accounts.user:list"
    assert "q=anne" in row.reason


def test_a_report_opened_in_the_admin_is_logged_against_the_reported_person(
    client, superuser, citizen, aalborg_postcode
):
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    report = report_content(
        reporter=citizen, target="post", obj=make_post(bo), reason="scam", details="Reklame"
    )
    sign_in_staff(client, superuser)
    assert client.get(reverse("admin:safety_report_change", args=[report.pk])).status_code == 200
    row = StaffAccess.objects.get()
    assert (row.subject, row.municipality) == (bo, report.municipality)
    assert Report.objects.count() == 1


def test_places_hold_no_personal_data_and_are_not_logged(client, superuser, aalborg):
    sign_in_staff(client, superuser)
    client.get(reverse("admin:places_municipality_change", args=[aalborg.pk]))
    assert not StaffAccess.objects.exists()


def test_every_admin_with_a_persons_data_logs_it():
    """A new ModelAdmin for a model that points at a person must log what it opens."""
    from django.contrib import admin

    from belong.core.admin_site import LogsPersonalData

    people = {"accounts.user"}
    missing = []
    for model, model_admin in admin.site._registry.items():
        points_at_a_person = model._meta.label_lower in people or any(
            field.related_model is not None
            and field.related_model._meta.label_lower in people
            and field.many_to_one
            for field in model._meta.get_fields()
        )
        if points_at_a_person and not isinstance(model_admin, LogsPersonalData):
            missing.append(model._meta.label_lower)
    # Staff roles and their log name staff members, not citizens; the municipality's page,
    # announcements and newsletters name only the staff member who wrote them.
    assert set(missing) <= {
        "municipalities.staffrole",
        "municipalities.staffrolechange",
        "municipalities.announcement",
        "municipalities.landingpage",
        "municipalities.newsletter",
        # A researcher's data agreement names the researcher and who recorded it: staff.
        "outcomes.dataagreement",
    }, missing


def test_the_admin_login_keeps_csrf():
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("admin:login")).status_code == 403
