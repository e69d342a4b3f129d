"""Assisted sign-up: staff make a citizen's account and first post with the citizen present;
citizens without e-mail log in with a login name and a personal code."""

import re

import pytest
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.urls import reverse

from belong.accounts.models import AssistedSignup, Consent, PersonalCode, User
from belong.assisted.services import log_in_with_code
from belong.core.limits import RateLimited
from belong.core.models import StaffAccess
from belong.municipalities.models import StaffRole
from belong.posts.models import Post
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory, UserFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role


def signup_data(**fields):
    return {
        "consent": "on",
        "display_name": "Karen",
        "birth_date_0": "3",
        "birth_date_1": "4",
        "birth_date_2": "1948",
        "gender": "woman",
        "postcode": "9000",
        "email": "",
        "title": "Ny i byen, søger en at drikke kaffe med",
        "body": "Jeg er 77 og kan lide kaffe og kortspil.",
        "motive": "friend",
        **fields,
    }


@pytest.fixture
def facilitator(aalborg):
    return make_staff(aalborg, Role.FACILITATOR)


def test_staff_create_an_account_without_email_and_print_a_guide(
    client, aalborg_postcode, facilitator
):
    sign_in_staff(client, facilitator)
    response = client.post(reverse("assisted_signup"), signup_data())
    karen = User.objects.get(display_name="Karen")
    assert response["Location"] == reverse("assisted_guide", args=[karen.pk])
    assert karen.email is None and not karen.has_usable_password()
    assert Post.objects.get(author=karen).status == "published"
    assert AssistedSignup.objects.get(citizen=karen).staff == facilitator
    consent = Consent.objects.get(user=karen, purpose="assisted_signup")
    assert consent.given_via == "assisted" and consent.withdrawn_at is None
    assert "The citizen is here with me" in consent.wording or "Borgeren er her" in consent.wording
    assert StaffAccess.objects.filter(subject=karen, action="assisted_signup").exists()

    guide = client.get(response["Location"]).content.decode()
    validate_html(guide)
    personal = PersonalCode.objects.get(user=karen)
    assert personal.login_name in guide
    code = client.session["assisted_codes"][str(karen.pk)]
    assert code in guide
    assert personal.code_hash != code and check_password(code, personal.code_hash)


def test_two_citizens_without_email_can_both_sign_up(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data())
    client.post(reverse("assisted_signup"), signup_data(display_name="Poul"))
    assert User.objects.filter(email__isnull=True).count() == 2


def test_an_email_is_kept_for_login_by_code(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data(email="karen@example.dk"))
    karen = User.objects.get(email="karen@example.dk")
    assert karen.emailaddress_set.get().primary


def test_consent_is_required_and_typed_text_is_kept(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    response = client.post(reverse("assisted_signup"), signup_data(consent=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_consent"' in page
    assert "Ny i byen, søger en at drikke kaffe med" in page
    assert not User.objects.filter(display_name="Karen").exists()


def test_staff_cannot_sign_up_citizens_of_another_municipality(
    client, aalborg_postcode, facilitator
):
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    PostcodeFactory(code="1000", municipality=other)
    sign_in_staff(client, facilitator)
    response = client.post(reverse("assisted_signup"), signup_data(postcode="1000"))
    assert "kommune, hvor du arbejder" in response.content.decode()
    assert not User.objects.filter(display_name="Karen").exists()


def test_moderators_cannot_use_assisted_signup(client, aalborg):
    sign_in_staff(client, make_staff(aalborg, Role.MODERATOR))
    assert client.get(reverse("assisted_signup")).status_code == 404


def test_the_citizen_logs_in_with_the_personal_code(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data())
    karen = User.objects.get(display_name="Karen")
    code = client.session["assisted_codes"][str(karen.pk)]
    login_name = karen.personal_code.login_name
    client.logout()

    response = client.post(reverse("code_login"), {"login_name": login_name, "code": "WRONG-CODE2"})
    assert "ikke rigtig" in response.content.decode()
    response = client.post(
        reverse("code_login"), {"login_name": login_name.upper(), "code": code.lower()}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == karen.pk


def test_a_new_code_replaces_the_old_one_and_is_logged(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data())
    karen = User.objects.get(display_name="Karen")
    old = client.session["assisted_codes"][str(karen.pk)]
    client.post(reverse("assisted_new_code", args=[karen.pk]))
    new = client.session["assisted_codes"][str(karen.pk)]
    assert new != old
    name = karen.personal_code.login_name
    assert log_in_with_code(login_name=name, code=old, limit_key="t") is None
    assert log_in_with_code(login_name=name, code=new, limit_key="t") == karen
    assert StaffAccess.objects.filter(subject=karen, action="personal_code").count() == 1


def test_another_municipalitys_citizen_is_a_404(client, aalborg, facilitator):
    other = MunicipalityFactory(code=101, name="København")
    stranger = UserFactory(postcode=PostcodeFactory(code="1000", municipality=other))
    sign_in_staff(client, facilitator)
    assert client.get(reverse("assisted_guide", args=[stranger.pk])).status_code == 404
    assert client.post(reverse("assisted_new_code", args=[stranger.pk])).status_code == 404
    assert not StaffAccess.objects.exists()


def test_guessing_codes_is_stopped(db, settings):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "code_login_name": "3/h"}
    for _ in range(3):
        assert log_in_with_code(login_name="karen-1234", code="AAAAA-BBBBB", limit_key="a") is None
    with pytest.raises(RateLimited):
        # Another address, the same name: still stopped.
        log_in_with_code(login_name="karen-1234", code="AAAAA-BBBBB", limit_key="b")


def test_a_citizen_with_email_logs_in_by_a_code_sent_to_it(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data(email="karen@example.dk"))
    client.logout()
    client.post(reverse("account_request_login_code"), {"email": "karen@example.dk"})
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    karen = User.objects.get(email="karen@example.dk")
    assert int(client.session["_auth_user_id"]) == karen.pk
    assert "Velkommen, Karen" in response.content.decode()
    assert karen.emailaddress_set.get().verified


def test_a_citizen_without_email_sees_how_they_log_in_on_their_profile(
    client, aalborg_postcode, facilitator
):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data())
    karen = User.objects.get(display_name="Karen")
    client.force_login(karen)
    page = client.get(reverse("profile")).content.decode()
    assert "personlige kode" in page and "None" not in page


def test_the_list_shows_own_municipalities_within_a_query_budget(
    client, aalborg_postcode, facilitator, django_assert_max_num_queries
):
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    PostcodeFactory(code="1000", municipality=other)
    copenhagen_staff = make_staff(other, Role.FACILITATOR)
    sign_in_staff(client, copenhagen_staff)
    client.post(reverse("assisted_signup"), signup_data(postcode="1000", display_name="Kbh"))
    sign_in_staff(client, facilitator)
    for n in range(4):
        client.post(reverse("assisted_signup"), signup_data(display_name=f"Aalborgenser {n}"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("assisted_list")).content.decode()
    validate_html(page)
    assert page.count("Aalborgenser") == 4 and "Kbh" not in page


def test_opening_the_guide_is_logged(client, aalborg_postcode, facilitator):
    sign_in_staff(client, facilitator)
    client.post(reverse("assisted_signup"), signup_data())
    karen = User.objects.get(display_name="Karen")
    client.get(reverse("assisted_guide", args=[karen.pk]))
    assert StaffAccess.objects.filter(
        staff=facilitator, subject=karen, action="assisted_guide"
    ).exists()


def test_staff_accounts_never_get_a_personal_code(client, aalborg_postcode, facilitator):
    colleague = make_staff(aalborg_postcode.municipality, Role.MODERATOR, postcode=aalborg_postcode)
    sign_in_staff(client, facilitator)
    assert client.post(reverse("assisted_new_code", args=[colleague.pk])).status_code == 404
    assert not PersonalCode.objects.filter(user=colleague).exists()
