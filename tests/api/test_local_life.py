"""The API's organisations and activities: the same rules as the pages."""

import pytest

from tests.api.conftest import api_client_for
from tests.factories import UserFactory
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(aalborg):
    return make_staff(aalborg, "facilitator")


def test_create_read_follow_and_apply(api, citizen, outsider):
    created = api.post(
        "/organisations",
        {
            "name": "Brætspilsklubben",
            "description": "Vi spiller hver torsdag.",
            "ages": "adults",
            "postcode": "9000",
            "interests": ["games"],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["my_role"] == "owner" and body["municipality"] == "Aalborg Kommune"
    club_id = body["id"]
    other = api_client_for(outsider)
    assert other.post(f"/organisations/{club_id}/follow").json()["following"] is True
    assert other.get(f"/organisations/{club_id}").json()["followers"] == 1
    assert (
        other.put(
            f"/organisations/{club_id}",
            {"name": "X", "description": "X", "ages": "adults", "postcode": "9000"},
        ).status_code
        == 404
    )
    applied = api.post(f"/organisations/{club_id}/verification", {"note": "CVR 1"})
    assert applied.status_code == 201 and applied.json()["status"] == "pending"
    again = api.post(f"/organisations/{club_id}/verification", {"note": ""})
    assert again.status_code == 400 and again.json()["code"] == "refused"
    found = api.get("/organisations", {"q": "brætspil"}).json()["items"]
    assert [o["id"] for o in found] == [club_id]


def test_a_bad_postcode_names_its_field(api):
    response = api.post(
        "/organisations",
        {"name": "X", "description": "X", "ages": "adults", "postcode": "0000"},
    )
    assert response.status_code == 422 and response.json()["field"] == "postcode"


def test_sign_up_waitlist_and_cancel(api, citizen, facilitator, aalborg, aalborg_postcode):
    activity = make_activity(facilitator, municipality=aalborg, capacity=1)
    other = api_client_for(UserFactory(postcode=aalborg_postcode))
    assert other.post(f"/activities/{activity.pk}/signup").json()["status"] == "confirmed"
    mine = api.post(f"/activities/{activity.pk}/signup")
    assert mine.status_code == 201
    assert mine.json() | {"queued_at": None} == {
        "activity_id": activity.pk,
        "status": "waitlisted",
        "waitlist_position": 1,
        "queued_at": None,
    }
    listed = api.get("/activities").json()["items"]
    assert listed[0]["places_taken"] == 1 and listed[0]["capacity"] == 1
    other.delete(f"/activities/{activity.pk}/signup")
    assert api.get(f"/activities/{activity.pk}").json()["places_taken"] == 1
    cancelled = api.delete(f"/activities/{activity.pk}/signup")
    assert cancelled.json()["status"] == "cancelled"


def test_adults_cannot_reach_youth_activities(api, facilitator, aalborg):
    youth = make_activity(facilitator, municipality=aalborg, age_range="youth")
    assert api.get(f"/activities/{youth.pk}").status_code == 404
    assert api.post(f"/activities/{youth.pk}/signup").status_code == 404


def test_the_activity_list_pages_by_cursor(api, facilitator, aalborg):
    for n in range(5):
        make_activity(facilitator, municipality=aalborg, title=f"Aktivitet {n}")
    first = api.get("/activities", {"limit": 3}).json()
    second = api.get("/activities", {"limit": 3, "cursor": first["next_cursor"]}).json()
    titles = [a["title"] for a in first["items"] + second["items"]]
    assert len(titles) == 5 and second["next_cursor"] is None


def test_an_organisations_activities(api, citizen):
    club = make_organisation(citizen)
    make_activity(citizen, organisation=club, title="Klubaften")
    items = api.get("/activities", {"organisation_id": club.pk}).json()["items"]
    assert [a["organiser"]["name"] for a in items] == [club.name]
