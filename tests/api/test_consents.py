"""Consents through the API: list, give and withdraw, with the same records and rules as the
profile page."""

from belong.accounts import consents
from belong.outcomes.models import Response
from tests.api.conftest import api_client_for
from tests.factories import UserFactory
from tests.outcomes.people import member


def test_a_citizen_lists_gives_and_withdraws_consents(citizen):
    api = api_client_for(citizen)
    given = api.post("/me/consents", {"purpose": "research", "language": "en"})
    assert given.status_code == 201
    body = given.json()
    assert body["purpose"] == "research" and body["given_via"] == "api"
    assert body["wording"].startswith("Yes, researchers") and body["withdrawn_at"] is None
    assert consents.has_consent(citizen, "research")

    listed = api.get("/me/consents").json()
    assert [c["id"] for c in listed] == [body["id"]]

    withdrawn = api.post(f"/me/consents/{body['id']}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn_via"] == "api"
    assert not consents.has_consent(citizen, "research")


def test_the_newsletter_needs_an_email_address(aalborg_postcode):
    no_email = UserFactory(email=None, postcode=aalborg_postcode, verified=False)
    api = api_client_for(no_email)
    response = api.post("/me/consents", {"purpose": "newsletter"})
    assert response.status_code == 400 and response.json()["field"] == "purpose"
    assert not consents.has_consent(no_email, "newsletter")


def test_staff_only_purposes_and_unknown_ones_are_refused(citizen):
    api = api_client_for(citizen)
    for purpose in ("assisted_signup", "marketing"):
        assert api.post("/me/consents", {"purpose": purpose}).status_code == 422
    assert not citizen.consents.exists()


def test_withdrawing_questionnaires_through_the_api_deletes_the_answers(aalborg_postcode):
    user = member(aalborg_postcode)
    consent = consents.open_consent(user, "questionnaires")
    api = api_client_for(user)
    assert api.post(f"/me/consents/{consent.pk}/withdraw").status_code == 200
    assert not Response.objects.filter(user=user).exists()


def test_someone_elses_consent_is_404(citizen, outsider):
    theirs = consents.give(user=outsider, purpose="research", via="profile")
    api = api_client_for(citizen)
    response = api.post(f"/me/consents/{theirs.pk}/withdraw")
    assert response.status_code == 404
    assert consents.has_consent(outsider, "research")
