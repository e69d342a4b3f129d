import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from belong.accounts.models import User
from tests.factories import PASSWORD, years_ago
from tests.html import validate_html


def birth_date(day):
    return {"birth_date_0": day.day, "birth_date_1": day.month, "birth_date_2": day.year}


def signup_data(**overrides):
    data = {
        "email": "karen@example.dk",
        "password1": PASSWORD,
        "display_name": "Karen",
        **birth_date(years_ago(41)),
        "gender": "woman",
        "postcode": "9000",
        "terms": "on",
    }
    data.update(overrides)
    return data


def test_a_citizen_of_a_licensed_municipality_can_sign_up(client, aalborg_postcode):
    response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="karen@example.dk")
    assert (user.display_name, user.gender, user.postcode) == ("Karen", "woman", aalborg_postcode)
    assert user.age() == 41
    assert not EmailAddress.objects.get(user=user).verified
    # A code to verify the address is on its way.
    assert len(mail.outbox) == 1
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.outbox[0].body)


def test_the_verification_code_verifies_the_address_and_logs_in(client, aalborg_postcode):
    response = client.post(reverse("account_signup"), signup_data(), follow=True)
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[0].body).group(1)
    response = client.post(reverse("account_email_verification_sent"), {"code": code}, follow=True)
    assert response.status_code == 200
    assert EmailAddress.objects.get(email="karen@example.dk").verified
    assert response.wsgi_request.user.is_authenticated


def test_under_13s_are_refused_kindly(client, aalborg_postcode):
    response = client.post(reverse("account_signup"), signup_data(**birth_date(years_ago(12))))
    assert response.status_code == 200
    html = response.content.decode()
    assert "velkommen til at komme igen" in html
    assert not User.objects.exists()


def test_a_13_year_old_may_join(client, aalborg_postcode):
    response = client.post(reverse("account_signup"), signup_data(**birth_date(years_ago(13))))
    assert response.status_code == 302
    assert User.objects.get().is_youth


def test_a_citizen_of_an_unlicensed_municipality_gets_a_clear_page(client, vejle_postcode):
    response = client.post(reverse("account_signup"), signup_data(postcode="7100"))
    assert response.status_code == 200
    html = response.content.decode()
    validate_html(html)
    assert "Vejle Kommune tilbyder ikke Belong endnu" in html
    assert not User.objects.exists()


def test_a_failed_form_keeps_what_was_typed_and_summarises_the_errors(client, aalborg_postcode):
    data = signup_data(postcode="0000", display_name="Karen Marie")
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    html = response.content.decode()
    validate_html(html)
    assert 'class="error-summary"' in html
    assert 'href="#id_postcode"' in html
    assert 'value="Karen Marie"' in html
    assert 'value="karen@example.dk"' in html
    assert 'value="0000"' in html
    assert f'name="birth_date_2" value="{years_ago(41).year}"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date_2", "2999", "fremtiden"),
        ("birth_date_2", "1850", "årstallet"),
        ("birth_date_1", "13", "Skriv datoen med tal"),
        ("birth_date_2", "", "Skriv hele datoen"),
        ("birth_date_0", "x", "Skriv datoen med tal"),
        ("gender", "", "Dette felt er påkrævet"),
    ],
)
def test_signup_explains_bad_details(client, aalborg_postcode, field, value, message):
    response = client.post(reverse("account_signup"), signup_data(**{field: value}))
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_a_date_that_does_not_exist_is_explained(client, aalborg_postcode):
    data = signup_data(birth_date_0="31", birth_date_1="2", birth_date_2="1990")
    response = client.post(reverse("account_signup"), data)
    assert "Den dato findes ikke" in response.content.decode()


@pytest.mark.parametrize("gender", ["woman", "man", "other", "unspecified"])
def test_every_gender_choice_is_accepted(client, aalborg_postcode, gender):
    response = client.post(reverse("account_signup"), signup_data(gender=gender))
    assert response.status_code == 302


def test_the_place_check_sends_licensed_citizens_to_sign_up(client, aalborg_postcode):
    response = client.get(reverse("place_check"), {"postcode": "9000"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_signup") + "?postcode=9000"
    signup = client.get(response["Location"]).content.decode()
    assert 'value="9000"' in signup


def test_the_place_check_tells_others_kindly(client, vejle_postcode):
    response = client.get(reverse("place_check"), {"postcode": "7100"})
    assert "Vejle Kommune tilbyder ikke Belong endnu" in response.content.decode()


def test_the_place_check_explains_an_unknown_postcode(client, aalborg_postcode):
    response = client.get(reverse("place_check"), {"postcode": "12"})
    html = response.content.decode()
    validate_html(html)
    assert "error-summary" in html


def test_signup_records_the_yes_to_the_terms_and_an_optional_newsletter(client, aalborg_postcode):
    from belong.accounts.consents import has_consent

    client.post(reverse("account_signup"), signup_data(newsletter="on"))
    karen = User.objects.get(email="karen@example.dk")
    assert has_consent(karen, "terms") and has_consent(karen, "newsletter")
    terms = karen.consents.get(purpose="terms")
    assert terms.given_via == "signup" and terms.wording.startswith("Jeg har læst")


def test_signup_without_the_newsletter_records_only_the_terms(client, aalborg_postcode):
    client.post(reverse("account_signup"), signup_data())
    karen = User.objects.get(email="karen@example.dk")
    assert list(karen.consents.values_list("purpose", flat=True)) == ["terms"]


def test_signup_without_the_terms_keeps_what_was_typed_and_asks_kindly(client, aalborg_postcode):
    response = client.post(
        reverse("account_signup"), signup_data(terms="", display_name="Karen Marie")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Karen Marie" in page and 'href="#id_terms"' in page
    assert not User.objects.filter(email="karen@example.dk").exists()
