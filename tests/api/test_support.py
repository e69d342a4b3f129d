"""The API asks for support, follows and withdraws the request, as the support page does."""

from belong.support import services
from belong.support.models import SupportStatus
from tests.api.conftest import api_client_for
from tests.staff import make_staff


def test_a_citizen_asks_follows_and_withdraws(citizen, aalborg):
    api = api_client_for(citizen)
    response = api.post("/support-requests", {"kind": "first_meeting", "contact": "belong"})
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["status"], made["status_label"]) == ("waiting", "Venter på en facilitator")
    staff = make_staff(aalborg, "facilitator")
    request = services.get_support_request_for_citizen(citizen, made["id"])
    services.add_note(staff=staff, support_request=request, body="Privat note")
    services.add_note(staff=staff, support_request=request, body="Hej Anne", to_citizen=True)
    read = api.get(f"/support-requests/{made['id']}").json()
    assert [m["body"] for m in read["messages"]] == ["Hej Anne"]
    assert [r["id"] for r in api.get("/support-requests").json()] == [made["id"]]
    withdrawn = api.post(f"/support-requests/{made['id']}/withdraw").json()
    assert withdrawn["status"] == SupportStatus.WITHDRAWN


def test_a_phone_request_without_a_number_is_explained(citizen):
    api = api_client_for(citizen)
    response = api.post("/support-requests", {"kind": "talk", "contact": "phone"})
    assert response.status_code == 422
    assert response.json()["field"] == "phone"
    assert "telefonnummer" in response.json()["message"]
