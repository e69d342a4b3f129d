"""MitID through an OpenID Connect broker, against a real provider (django-oidc-provider in
a process of its own, tests/oidc_provider/): the verified birthdate claim becomes the birth
date, the account shows "age verified" to others, and the citizen cannot change it."""

import pytest
from django.urls import reverse

from belong.accounts.consents import Purpose, has_consent
from belong.accounts.models import User
from tests.factories import years_ago
from tests.oidc_provider.process import (
    CALLBACK,
    log_in_at_the_provider,
    mitid_settings,
    running_provider,
)

ADULT_BIRTHDATE = "1990-05-17"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider, with a grown-up (`voksen`) and a girl of 15 (`ung`)."""
    birthdates = {"voksen": ADULT_BIRTHDATE, "ung": years_ago(15).isoformat()}
    with running_provider(
        tmp_path_factory.mktemp("oidc"),
        birthdates=birthdates,
        redirect_uris=[f"http://testserver{CALLBACK}"],
    ) as url:
        yield url


@pytest.fixture
def mitid(settings, provider):
    mitid_settings(settings, provider)
    return provider


@pytest.mark.django_db
def test_signing_up_with_mitid_takes_the_verified_birth_date(client, mitid, aalborg_postcode):
    back = log_in_at_the_provider(client, "voksen")
    signup = client.get(back, follow=True)
    page = signup.content.decode()
    assert signup.status_code == 200
    assert "Bekræftet med MitID." in page
    response = client.post(
        signup.redirect_chain[-1][0],
        {
            "email": "voksen@example.dk",
            "display_name": "Voksen",
            # A false date typed in is ignored: the verified claim decides.
            "birth_date_0": "1",
            "birth_date_1": "1",
            "birth_date_2": "2012",
            "gender": "woman",
            "postcode": "9000",
            "terms": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="voksen@example.dk")
    assert user.birth_date.isoformat() == ADULT_BIRTHDATE
    assert user.age_verified and user.age_verified_by == "mitid"
    assert not user.is_youth
    assert has_consent(user, Purpose.TERMS)  # the same yes to the terms as any sign-up


@pytest.mark.django_db
def test_others_see_age_verified_on_the_post_and_staff_cannot_change_it(
    client, citizen, outsider, aalborg
):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from belong.accounts.services import correct_birth_date
    from tests.factories import make_post
    from tests.staff import make_staff

    administrator = make_staff(aalborg, "administrator", display_name="Alma")

    User.objects.filter(pk=citizen.pk).update(
        age_verified_at=timezone.now(), age_verified_by="mitid"
    )
    citizen.refresh_from_db()
    post = make_post(citizen, title="Gåture ved fjorden")
    client.force_login(outsider)
    page = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert "alder bekræftet" in page
    unverified = make_post(outsider, title="Brætspil")
    client.force_login(citizen)
    assert (
        "alder bekræftet"
        not in client.get(reverse("post_detail", args=[unverified.pk])).content.decode()
    )

    with pytest.raises(ValidationError):
        correct_birth_date(
            staff=administrator, user=citizen, birth_date=years_ago(15), reason="typed wrong"
        )
    citizen.refresh_from_db()
    assert not citizen.is_youth
