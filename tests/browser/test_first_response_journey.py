"""Nobody left alone, the whole way: a citizen whose 3 first contacts go unanswered is met,
once the clock has moved a week on, with a kind closure, suggestions and their reasons, an
activity nearby and the support button; she asks for support, and a facilitator picks it up,
writes to her and closes it. A citizen who agreed to a first human response is written to
from the facilitators' console, as the municipality, and sees it in her inbox."""

import datetime
import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.core import clock
from belong.core.models import StaffAccess
from belong.messaging.closure import close_silent_conversations
from belong.messaging.services import start_conversation
from belong.municipalities.models import StaffRole
from belong.support.models import SupportRequest, SupportStatus
from tests.browser.axe import assert_no_axe_violations
from tests.factories import UserFactory, make_post
from tests.local_life import make_activity
from tests.staff import make_staff, sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def session_for(context, live_server, user, *, staff=False):
    client = Client()
    if staff:
        sign_in_staff(client, user)
    else:
        client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_three_silences_then_suggestions_an_activity_and_a_facilitator(
    browser, live_server, citizen, aalborg_postcode
):
    aalborg = aalborg_postcode.municipality
    facilitator = make_staff(
        aalborg, StaffRole.Role.FACILITATOR, display_name="Mette", postcode=aalborg_postcode
    )
    make_post(citizen, title="Jeg søger en at gå med", interests=["walks-nature"])
    conversations = []
    for name in ["Bo", "Lis", "Kim"]:
        author = UserFactory(display_name=name, postcode=aalborg_postcode)
        conversations.append(
            start_conversation(
                sender=citizen,
                post=make_post(author, title=f"{name}s opslag"),
                body=f"Hej {name}",
                client_token=None,
            ).conversation
        )
    for name in ["Ulla", "Per", "Jens", "Aase"]:
        author = UserFactory(display_name=name, postcode=aalborg_postcode)
        make_post(author, title=f"Gåtur med {name}", interests=["walks-nature"])
    make_activity(facilitator, title="Fællesgåtur i Kildeparken")
    # A week and a day later nobody has answered; with the clock moved on, the recurring
    # task closes all three.
    with clock.set_to(clock.now() + datetime.timedelta(days=8)):
        assert len(close_silent_conversations()) == 3

    context = browser.new_context(bypass_csp=True)  # axe runs as an inline script
    session_for(context, live_server, citizen)
    page = context.new_page()
    page.goto(f"{live_server.url}/beskeder/{conversations[-1].pk}/")
    expect(page.get_by_text("Det handler ikke om dig").first).to_be_visible()
    offer = page.get_by_role("complementary", name="Du står ikke alene med det")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("heading", name="Mennesker, der måske passer til det, du søger"))
    expect(offer.get_by_role("link", name=re.compile("^Gåtur med"))).to_have_count(3)
    expect(offer.get_by_text("I kan begge lide gåture og natur").first).to_be_visible()
    expect(offer.get_by_role("heading", name="En aktivitet nær dig")).to_be_visible()
    expect(offer.get_by_role("link", name="Fællesgåtur i Kildeparken")).to_be_visible()
    expect(offer.get_by_role("link", name="70 201 201")).to_be_visible()
    assert_no_axe_violations(page)
    offer.get_by_role("link", name="Jeg vil gerne have støtte").click()

    page.get_by_label("Nogen, der tager med til et første møde").check()
    page.get_by_label("Skriv til mig her på Belong").check()
    page.get_by_label(re.compile("Er der noget, du vil fortælle os")).fill("Jeg tør ikke alene.")
    page.get_by_role("button", name="Bed om støtte").click()
    expect(page.get_by_text("Venter på en facilitator")).to_be_visible()
    request = SupportRequest.objects.get(citizen=citizen)

    staff_context = browser.new_context(bypass_csp=True)
    session_for(staff_context, live_server, facilitator, staff=True)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/personale/")
    desk.get_by_role("link", name="Ønsker om støtte").click()
    desk.get_by_role("link", name=f"Anmodning {request.pk}").click()
    expect(desk.get_by_text("Jeg tør ikke alene.")).to_be_visible()
    desk.get_by_role("button", name="Tag dette ønske").click()
    expect(desk.get_by_role("status")).to_contain_text("Ønsket er dit nu")
    desk.get_by_label("Note", exact=True).fill("Hej Anne, jeg hedder Mette. Skal vi gå en tur?")
    desk.get_by_label("Også borgeren: send den til borgeren fra kommunen").check()
    desk.get_by_role("button", name="Gem noten").click()
    expect(desk.get_by_role("status")).to_contain_text("sendt til borgeren")
    desk.get_by_label("Vi mødtes").check()
    desk.get_by_role("button", name="Luk ønsket").click()
    expect(desk.get_by_role("status")).to_contain_text("Ønsket er lukket")
    request.refresh_from_db()
    assert (request.status, request.outcome) == (SupportStatus.CLOSED, "met")
    page.reload()
    expect(page.get_by_text("Skal vi gå en tur?")).to_be_visible()


def test_a_facilitator_writes_first_to_a_citizen_who_agreed(
    browser, live_server, citizen, aalborg_postcode
):
    aalborg = aalborg_postcode.municipality
    facilitator = make_staff(aalborg, StaffRole.Role.FACILITATOR, display_name="Mette")
    with clock.set_to(clock.now() - datetime.timedelta(days=8)):
        make_post(citizen, title="Nogen at spille kort med?")

    context = browser.new_context(bypass_csp=True)  # axe runs as an inline script
    session_for(context, live_server, citizen)
    page = context.new_page()
    page.goto(f"{live_server.url}/stoette/")
    page.get_by_role("button", name="Ja, en facilitator må skrive til mig").click()
    expect(page.get_by_role("button", name="Nej tak, stop det her")).to_be_visible()

    staff_context = browser.new_context(bypass_csp=True)
    session_for(staff_context, live_server, facilitator, staff=True)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/personale/")
    desk.get_by_role("link", name="Borgere, som ingen har svaret").click()
    expect(desk.get_by_role("heading", name="Anne")).to_be_visible()
    expect(desk.get_by_text("Nogen at spille kort med?")).to_be_visible()
    assert_no_axe_violations(desk)
    desk.get_by_role("link", name="Skriv til Anne").click()
    desk.get_by_label("Din første besked").fill(
        "Hej Anne. Jeg er facilitator i Aalborg Kommune. Vil du med til kortklubben på torsdag?"
    )
    desk.get_by_role("button", name="Send fra kommunen").click()
    expect(desk.get_by_role("status").first).to_contain_text("sendt fra kommunen")
    assert StaffAccess.objects.filter(
        staff=facilitator, subject=citizen, action=f"first_response:{citizen.pk}"
    ).exists()

    page.goto(f"{live_server.url}/beskeder/")
    expect(page.get_by_text("Fra Aalborg Kommunes facilitator").first).to_be_visible()
    page.get_by_role("link", name="Mette").click()
    expect(page.get_by_text("Vil du med til kortklubben på torsdag?")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Din besked").fill("Ja tak, det vil jeg gerne.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Ja tak, det vil jeg gerne.")).to_be_visible()
