"""The first human response: citizens who agreed and whom nobody answered are listed for
their municipality's facilitators, who write a first warm message as the municipality."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from belong.core import clock
from belong.core.models import StaffAccess
from belong.messaging import closure
from belong.messaging.models import Conversation, Message, MessageKind
from belong.messaging.services import send_message, start_conversation
from belong.municipalities.models import StaffRole
from belong.support import first_response
from belong.support.models import FirstResponseConsent
from tests.factories import (
    LicenceFactory,
    MunicipalityFactory,
    PostcodeFactory,
    UserFactory,
    make_post,
)
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

FACILITATOR = StaffRole.Role.FACILITATOR
MODERATOR = StaffRole.Role.MODERATOR


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def post_long_ago(author, days=8, **fields):
    with clock.set_to(days_ago(days)):
        return make_post(author, **fields)


def three_unanswered(starter, postcode):
    """`starter` writes to three authors, none answers, and a week later all are closed."""
    for n in range(3):
        author = UserFactory(postcode=postcode, display_name=f"Tavs {n}")
        post = make_post(author, title=f"Kaffe {n}")
        with clock.set_to(days_ago(9)):
            start_conversation(sender=starter, post=post, body="Hej!", client_token=None)
    closure.close_silent_conversations()


@pytest.fixture
def facilitator(aalborg):
    return make_staff(aalborg, FACILITATOR, display_name="Mette")


def test_the_citizen_agrees_and_withdraws_on_the_support_page(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("support_home")).content.decode()
    validate_html(page)
    assert "Ja, en facilitator må skrive til mig" in page
    client.post(reverse("first_response_consent"), {"agree": "1"})
    assert FirstResponseConsent.objects.filter(citizen=citizen).exists()
    page = client.get(reverse("support_home")).content.decode()
    assert "Nej tak, stop det her" in page
    client.post(reverse("first_response_consent"), {"agree": "0"})
    assert not FirstResponseConsent.objects.exists()


def test_only_those_who_agreed_and_nobody_answered_are_listed(
    citizen, aalborg_postcode, facilitator
):
    post_long_ago(citizen, title="Gåture ved fjorden")
    first_response.agree(citizen=citizen)
    not_agreed = UserFactory(postcode=aalborg_postcode, display_name="Nej Tak")
    post_long_ago(not_agreed)
    fresh = UserFactory(postcode=aalborg_postcode, display_name="Ny")
    first_response.agree(citizen=fresh)
    make_post(fresh)  # only today: not yet
    contacted = UserFactory(postcode=aalborg_postcode, display_name="Heldig")
    first_response.agree(citizen=contacted)
    post = post_long_ago(contacted)
    start_conversation(
        sender=UserFactory(postcode=aalborg_postcode), post=post, body="Hej", client_token=None
    )
    silent = UserFactory(postcode=aalborg_postcode, display_name="Skrev tre")
    first_response.agree(citizen=silent)
    three_unanswered(silent, aalborg_postcode)

    rows = first_response.console_rows(facilitator)
    assert [row.display_name for row in rows] == ["Anne", "Skrev tre"]
    anne, three = rows
    assert (anne.age_band, anne.area, anne.post_title) == (
        "30-39",
        aalborg_postcode.name,
        "Gåture ved fjorden",
    )
    assert "8 dage" in anne.why or "7 dage" in anne.why
    assert three.post_title == "" and "3" in three.why


def test_the_municipality_sets_the_number_of_days(client, citizen, aalborg, facilitator):
    post_long_ago(citizen, days=4)
    first_response.agree(citizen=citizen)
    assert first_response.console_rows(facilitator) == []
    sign_in_staff(client, facilitator)
    response = client.post(
        reverse("first_response_days", args=[aalborg.pk]), {"no_contact_days": "3"}
    )
    assert response.status_code == 302
    assert [row.display_name for row in first_response.console_rows(facilitator)] == ["Anne"]
    response = client.post(
        reverse("first_response_days", args=[aalborg.pk]), {"no_contact_days": "abc"}
    )
    assert response.status_code == 400
    other = MunicipalityFactory(code=102, name="Vejle")
    response = client.post(
        reverse("first_response_days", args=[other.pk]), {"no_contact_days": "3"}
    )
    assert response.status_code == 404


def test_minors_are_listed_only_for_facilitators_cleared_for_young_people(
    minor, aalborg, facilitator
):
    post_long_ago(minor, title="Nogen at game med?")
    first_response.agree(citizen=minor)
    assert first_response.console_rows(facilitator) == []
    administrator = make_staff(aalborg, StaffRole.Role.ADMINISTRATOR)
    first_response.clear_for_youth(
        administrator=administrator, facilitator=facilitator, municipality=aalborg
    )
    rows = first_response.console_rows(facilitator)
    assert [(row.display_name, row.age_band) for row in rows] == [("Sofie", "13-17")]


def test_the_console_is_logged_and_stays_within_a_query_budget(
    client, aalborg_postcode, facilitator, django_assert_max_num_queries
):
    for n in range(30):
        person = UserFactory(postcode=aalborg_postcode, display_name=f"Person {n}")
        post_long_ago(person)
        first_response.agree(citizen=person)
    sign_in_staff(client, facilitator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("first_response_console"))
    page = response.content.decode()
    validate_html(page)
    assert page.count("Skriv til Person") == 30
    assert "@example.dk" not in page  # no contact details
    logged = StaffAccess.objects.filter(staff=facilitator, action="first_response_console")
    assert logged.count() == 30


def test_a_facilitator_writes_as_the_municipality_and_the_citizen_sees_it_in_the_inbox(
    client, citizen, aalborg, facilitator
):
    post_long_ago(citizen, title="Gåture ved fjorden")
    first_response.agree(citizen=citizen)
    sign_in_staff(client, facilitator)
    url = reverse("first_response_write", args=[citizen.pk])
    page = client.get(url).content.decode()
    validate_html(page)
    assert "Gåture ved fjorden" in page
    assert StaffAccess.objects.filter(
        action=f"first_response:{citizen.pk}", subject=citizen
    ).exists()
    response = client.post(url, {"body": ""})
    assert response.status_code == 400
    response = client.post(
        url, {"body": "Hej Anne, jeg er facilitator i kommunen. Vil du med på en gåtur?"}
    )
    conversation = Conversation.objects.get(recipient=citizen)
    assert response["Location"] == reverse("conversation", args=[conversation.pk])
    assert conversation.from_municipality == aalborg
    assert Message.objects.get(conversation=conversation).kind == MessageKind.STAFF
    # Written to once, no longer listed.
    assert first_response.console_rows(facilitator) == []
    assert client.get(url).status_code == 404

    client.force_login(citizen)
    inbox = client.get(reverse("inbox")).content.decode()
    validate_html(inbox)
    assert "Fra Aalborg Kommunes facilitator" in inbox
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(page)
    assert "Fra Aalborg Kommunes facilitator" in page
    assert "Vil du med på en gåtur?" in page
    # The citizen may answer; it counts for nobody's answering figures.
    send_message(sender=citizen, conversation=conversation, body="Ja tak!", client_token=None)
    conversation.refresh_from_db()
    assert conversation.status == "answered"
    # And a conversation of the municipality never closes after silence.
    assert (
        closure.close_silent_conversations(now=timezone.now() + datetime.timedelta(days=30)) == []
    )


def test_someone_elses_id_is_not_found(client, citizen, aalborg_postcode, facilitator):
    post_long_ago(citizen)
    first_response.agree(citizen=citizen)
    url = reverse("first_response_write", args=[citizen.pk])
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    elsewhere = make_staff(other, FACILITATOR)
    sign_in_staff(client, elsewhere)
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Hej"}).status_code == 404
    moderator = make_staff(aalborg_postcode.municipality, MODERATOR)
    sign_in_staff(client, moderator)
    assert client.get(url).status_code in (403, 404)
    assert client.get(reverse("first_response_console")).status_code in (403, 404)
    neighbour = UserFactory(postcode=aalborg_postcode)
    client.force_login(neighbour)
    assert client.get(url).status_code in (302, 403, 404)
    # Not listed (no consent): not found either, even in the right municipality.
    stranger = UserFactory(postcode=aalborg_postcode)
    post_long_ago(stranger)
    sign_in_staff(client, facilitator)
    assert client.get(reverse("first_response_write", args=[stranger.pk])).status_code == 404
    far = UserFactory(postcode=PostcodeFactory(code="1000", municipality=other))
    first_response.agree(citizen=far)
    post_long_ago(far)
    assert client.get(reverse("first_response_write", args=[far.pk])).status_code == 404
    assert not Conversation.objects.filter(from_municipality__isnull=False).exists()
    assert not StaffAccess.objects.filter(staff=elsewhere).exists()
