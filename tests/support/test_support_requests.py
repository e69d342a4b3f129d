"""A citizen asks for a facilitator; the municipality's facilitators work the request."""

import pytest
from django.core import mail
from django.urls import reverse

from belong.core.models import StaffAccess
from belong.municipalities.models import StaffRole
from belong.privacy.registry import erase_personal_data, export_personal_data
from belong.support import services
from belong.support.models import SupportNote, SupportRequest, SupportStatus
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory, UserFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

FACILITATOR = StaffRole.Role.FACILITATOR


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def ask(client, **fields):
    data = {"kind": "first_meeting", "contact": "phone", "phone": "12 34 56 78", "message": ""}
    return client.post(reverse("support_home"), {**data, **fields})


def test_a_citizen_asks_for_support_and_sees_its_status(client, citizen, aalborg):
    client.force_login(citizen)
    page = client.get(reverse("support_home")).content.decode()
    validate_html(page)
    assert "Jeg vil gerne have støtte" in page
    response = ask(client, message="Jeg tør ikke gå alene.")
    request = SupportRequest.objects.get()
    assert response["Location"] == reverse("support_request_detail", args=[request.pk])
    assert (request.municipality, request.phone, request.status) == (
        aalborg,
        "12345678",
        SupportStatus.WAITING,
    )
    page = client.get(response["Location"]).content.decode()
    validate_html(page)
    assert "Venter på en facilitator" in page
    # Asking twice while one waits keeps one request.
    ask(client)
    assert SupportRequest.objects.count() == 1


def test_a_missing_phone_number_is_explained_and_what_was_typed_is_kept(client, citizen):
    client.force_login(citizen)
    response = ask(client, phone="", message="Jeg vil gerne i gang")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv dit telefonnummer, så vi kan ringe til dig." in page
    assert "Jeg vil gerne i gang" in page
    assert not SupportRequest.objects.exists()


def test_the_citizen_can_withdraw_and_ask_again(client, citizen):
    client.force_login(citizen)
    ask(client)
    request = SupportRequest.objects.get()
    client.post(reverse("support_request_withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == SupportStatus.WITHDRAWN and request.closed_at is not None
    page = client.get(reverse("support_home")).content.decode()
    assert "Trukket tilbage" in page  # listed among the earlier requests
    ask(client)
    assert SupportRequest.objects.open().count() == 1


def test_the_queue_shows_own_municipalities_without_contact_details_within_a_budget(
    client, aalborg, aalborg_postcode, django_assert_max_num_queries
):
    for n in range(5):
        person = UserFactory(display_name=f"Person {n}", postcode=aalborg_postcode)
        services.request_support(citizen=person, kind="talk", contact="phone", phone="87654321")
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    far = UserFactory(postcode=PostcodeFactory(code="1000", municipality=other))
    services.request_support(citizen=far, kind="activity", contact="belong")
    facilitator = make_staff(aalborg, FACILITATOR)
    sign_in_staff(client, facilitator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("support_queue"))
    page = response.content.decode()
    validate_html(page)
    assert page.count("Nogen at tale med om at komme i gang") == 5
    assert "København" not in page
    assert "87654321" not in page
    assert not StaffAccess.objects.exists()  # nobody's details were shown


def test_a_facilitator_takes_notes_writes_to_the_citizen_and_closes(
    client, citizen, aalborg, django_capture_on_commit_callbacks, immediate_tasks
):
    request = services.request_support(
        citizen=citizen, kind="first_meeting", contact="phone", phone="12345678"
    )
    facilitator = make_staff(aalborg, FACILITATOR, display_name="Mette")
    sign_in_staff(client, facilitator)

    page = client.get(reverse("support_staff_detail", args=[request.pk])).content.decode()
    validate_html(page)
    assert "12345678" in page and "Anne" in page
    access = StaffAccess.objects.get()
    assert (access.staff, access.subject, access.action) == (
        facilitator,
        citizen,
        f"support_request:{request.pk}",
    )

    client.post(reverse("support_assign", args=[request.pk]))
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == (SupportStatus.ASSIGNED, facilitator)

    client.post(
        reverse("support_note", args=[request.pk]),
        {"body": "Ringede, ingen svarede.", "to_citizen": "0"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("support_note", args=[request.pk]),
            {
                "body": "Hej Anne, jeg hedder Mette. Skal vi mødes til en kop kaffe?",
                "to_citizen": "1",
            },
        )
    assert SupportNote.objects.count() == 2
    assert len(mail.outbox) == 1
    assert "Skal vi mødes" in mail.outbox[0].body
    assert "Ringede" not in mail.outbox[0].body

    # The citizen sees the message from the municipality, never the private note.
    client.force_login(citizen)
    page = client.get(reverse("support_request_detail", args=[request.pk])).content.decode()
    assert "Skal vi mødes" in page and "Aalborg Kommune" in page
    assert "Ringede" not in page

    sign_in_staff(client, facilitator)
    response = client.post(reverse("support_close", args=[request.pk]), {"outcome": "met"})
    assert response["Location"] == reverse("support_queue")
    request.refresh_from_db()
    assert (request.status, request.outcome) == (SupportStatus.CLOSED, "met")
    assert client.post(reverse("support_close", args=[request.pk]), {}).status_code == 400


def test_an_empty_note_is_refused_politely(client, citizen, aalborg):
    request = services.request_support(citizen=citizen, kind="talk", contact="belong")
    sign_in_staff(client, make_staff(aalborg, FACILITATOR))
    response = client.post(reverse("support_note", args=[request.pk]), {"body": " "})
    assert response.status_code == 400
    assert "Se formularen igennem" in response.content.decode()
    assert not SupportNote.objects.exists()


def test_only_facilitators_see_the_support_queue(client, citizen, aalborg):
    request = services.request_support(citizen=citizen, kind="talk", contact="belong")
    sign_in_staff(client, make_staff(aalborg, StaffRole.Role.IT_SUPPORTER))
    assert client.get(reverse("support_queue")).status_code == 404
    assert client.get(reverse("support_staff_detail", args=[request.pk])).status_code == 404
    client.force_login(citizen)
    assert client.get(reverse("support_queue")).status_code == 404


def test_another_citizens_request_is_a_404(client, citizen, outsider):
    request = services.request_support(citizen=citizen, kind="talk", contact="belong")
    client.force_login(outsider)
    assert client.get(reverse("support_request_detail", args=[request.pk])).status_code == 404
    assert client.post(reverse("support_request_withdraw", args=[request.pk])).status_code == 404
    request.refresh_from_db()
    assert request.status == SupportStatus.WAITING


@pytest.mark.django_db
def test_support_requests_are_exported_and_erased(citizen, aalborg):
    request = services.request_support(
        citizen=citizen, kind="talk", contact="phone", phone="12345678"
    )
    staff = make_staff(aalborg, FACILITATOR)
    services.add_note(staff=staff, support_request=request, body="Privat", to_citizen=False)
    services.add_note(staff=staff, support_request=request, body="Hej Anne", to_citizen=True)
    exported = export_personal_data(citizen)["support"]
    assert exported["support_requests"][0]["phone"] == "12345678"
    assert [m["body"] for m in exported["support_messages"]] == ["Hej Anne"]
    erase_personal_data(citizen)
    assert not SupportRequest.objects.exists() and not SupportNote.objects.exists()
