"""Local life in a real browser: a club applies for verification and is verified; a
citizen finds an activity, signs up, is waitlisted and promoted when someone cancels; the
facilitator takes attendance."""

import pytest
from playwright.sync_api import expect

from belong.activities import services as activities
from belong.activities.models import SignUp
from belong.municipalities.models import StaffRole
from belong.organisations.models import Organisation
from tests.browser import test_moderation_journey as moderation_journey
from tests.browser.test_moderation_journey import log_out
from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory
from tests.local_life import make_activity
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def staff_log_in(page, live_server, user):
    moderation_journey.staff_log_in(page, live_server.url, user.email, user.totp_secret)


def test_a_club_applies_for_verification_and_is_verified(page, live_server, nordjylland):
    home = nordjylland["9000"]
    UserFactory(email="anne@example.dk", display_name="Anne", postcode=home)
    moderator = make_staff(
        home.municipality, StaffRole.Role.MODERATOR, email="mona@aalborg.dk", display_name="Mona"
    )

    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/mine-foreninger/")
    page.get_by_role("main").get_by_role("link", name="Opret en forening").click()
    page.get_by_label("Foreningens navn").fill("Aalborg Gåklub")
    page.get_by_label("Klub", exact=True).check()
    page.get_by_label("Kort beskrivelse").fill("Vi går en tur ved fjorden hver tirsdag.")
    page.get_by_label("Voksne (18 år og derover)").check()
    page.get_by_label("Postnummer").fill("9000")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aalborg Gåklub")
    page.get_by_role("link", name="Søg om godkendelse").click()
    page.get_by_label("En besked til kommunen").fill("Vi har gået sammen siden 2019.")
    page.get_by_role("button", name="Send ansøgningen").click()
    expect(page.get_by_role("status").first).to_contain_text("Kommunen ser på")
    log_out(page)

    staff_log_in(page, live_server, moderator)
    page.goto(f"{live_server.url}/personale/")
    page.get_by_role("link", name="Foreninger, der venter på godkendelse").first.click()
    page.get_by_role("link", name="Aalborg Gåklub").click()
    expect(page.get_by_text("Vi har gået sammen siden 2019.")).to_be_visible()
    page.get_by_label("Godkend", exact=True).check()
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Din afgørelse er gemt")
    log_out(page)

    log_in(page, live_server, "anne@example.dk")
    club = Organisation.objects.get()
    page.goto(f"{live_server.url}/foreninger/{club.pk}/")
    expect(page.get_by_text("Godkendt af Aalborg Kommune")).to_be_visible()


def test_a_citizen_is_waitlisted_then_promoted_when_someone_cancels(page, live_server, nordjylland):
    home = nordjylland["9000"]
    UserFactory(email="anne@example.dk", display_name="Anne", postcode=home)
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=home)
    facilitator = make_staff(home.municipality, "facilitator", postcode=home)
    walk = make_activity(facilitator, title="Gåtur og kaffe", capacity=1)
    activities.sign_up(user=bo, activity=walk)

    log_in(page, live_server, "anne@example.dk")
    page.get_by_role("navigation").get_by_role("link", name="Aktiviteter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter i nærheden")
    page.get_by_role("link", name="Gåtur og kaffe").click()
    expect(page.get_by_text("1 af 1 plads taget")).to_be_visible()
    page.get_by_role("button", name="Skriv mig på ventelisten").click()
    expect(page.get_by_role("status").first).to_contain_text("ventelisten")
    expect(page.get_by_text("nummer 1 på ventelisten")).to_be_visible()

    # Bo cannot come after all; his place goes to Anne.
    activities.cancel_signup(user=bo, activity=walk)
    page.reload()
    expect(page.get_by_text("Du har en plads")).to_be_visible()
    assert SignUp.objects.get(user__email="anne@example.dk").status == "confirmed"


def test_the_facilitator_takes_attendance(page, live_server, nordjylland):
    home = nordjylland["9000"]
    facilitator = make_staff(
        home.municipality, "facilitator", email="lise@aalborg.dk", postcode=home
    )
    walk = make_activity(facilitator, title="Gåtur og kaffe")
    anne = UserFactory(display_name="Anne", postcode=home)
    bo = UserFactory(display_name="Bo", postcode=home)
    for person in (anne, bo):
        activities.sign_up(user=person, activity=walk)

    staff_log_in(page, live_server, facilitator)
    page.goto(f"{live_server.url}/mine-aktiviteter/")
    page.get_by_role("link", name="Gåtur og kaffe").click()
    page.get_by_role("link", name="Deltagere og fremmøde").click()
    page.get_by_label("Anne").check()
    page.get_by_role("button", name="Gem fremmøde").click()
    expect(page.get_by_role("status").first).to_contain_text("1 kom")
    assert SignUp.objects.get(user=anne).attended is True
    assert SignUp.objects.get(user=bo).attended is False
