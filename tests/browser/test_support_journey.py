"""Nobody left alone: after three silent first contacts a citizen is met kindly, asks for a
facilitator, and one picks it up, writes to her and closes; "your turn" holds back a third
unanswered message politely; a minor sees the youth help lines."""

import datetime
import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.core import clock
from belong.core.models import StaffAccess
from belong.messaging.closure import close_silent_conversations
from belong.messaging.services import send_ready_reply, start_conversation
from belong.municipalities.models import StaffRole
from belong.support.models import SupportRequest, SupportStatus
from tests.factories import UserFactory, make_post, years_ago
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


def test_three_silences_then_a_facilitator_answers(browser, live_server, citizen, aalborg_postcode):
    aalborg = aalborg_postcode.municipality
    facilitator = make_staff(aalborg, StaffRole.Role.FACILITATOR, display_name="Mette")
    conversations = []
    for name in ["Bo", "Lis", "Kim"]:
        author = UserFactory(display_name=name, postcode=aalborg_postcode)
        conversations.append(
            start_conversation(
                sender=citizen, post=make_post(author), body=f"Hej {name}", client_token=None
            ).conversation
        )
    # A week and a day later nobody has answered; the recurring task closes all three.
    with clock.set_to(clock.now() + datetime.timedelta(days=8)):
        assert len(close_silent_conversations()) == 3

    context = browser.new_context()
    session_for(context, live_server, citizen)
    page = context.new_page()
    page.goto(f"{live_server.url}/beskeder/{conversations[-1].pk}/")
    offer = page.get_by_role("complementary", name="Du står ikke alene med det")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("Livslinien")
    expect(offer.get_by_role("link", name="70 201 201")).to_be_visible()
    offer.get_by_role("link", name="Jeg vil gerne have støtte").click()

    page.get_by_label("Nogen, der tager med til et første møde").check()
    page.get_by_label("Skriv til mig her på Belong").check()
    page.get_by_label(re.compile("Er der noget, du vil fortælle os")).fill("Jeg tør ikke alene.")
    page.get_by_role("button", name="Bed om støtte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit ønske om støtte")
    expect(page.get_by_text("Venter på en facilitator")).to_be_visible()
    request = SupportRequest.objects.get(citizen=citizen)

    # The facilitator picks it up, writes to her as the municipality, and closes it.
    staff_context = browser.new_context()
    session_for(staff_context, live_server, facilitator, staff=True)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/personale/")
    desk.get_by_role("link", name="Ønsker om støtte").click()
    desk.get_by_role("link", name=f"Anmodning {request.pk}").click()
    expect(desk.get_by_text("Jeg tør ikke alene.")).to_be_visible()
    assert StaffAccess.objects.filter(
        staff=facilitator, subject=citizen, action=f"support_request:{request.pk}"
    ).exists()
    desk.get_by_role("button", name="Tag dette ønske").click()
    expect(desk.get_by_role("status")).to_contain_text("Ønsket er dit nu")
    desk.get_by_label("Note", exact=True).fill(
        "Hej Anne, jeg hedder Mette. Skal vi tage med til kaffeklubben?"
    )
    desk.get_by_label("Også borgeren: send den til borgeren fra kommunen").check()
    desk.get_by_role("button", name="Gem noten").click()
    expect(desk.get_by_role("status")).to_contain_text("sendt til borgeren")
    desk.get_by_label("Vi mødtes").check()
    desk.get_by_role("button", name="Luk ønsket").click()
    expect(desk.get_by_role("status")).to_contain_text("Ønsket er lukket")
    request.refresh_from_db()
    assert (request.status, request.outcome) == (SupportStatus.CLOSED, "met")

    page.reload()
    expect(page.get_by_text("Skal vi tage med til kaffeklubben?")).to_be_visible()
    expect(page.get_by_text("Fra en facilitator i Aalborg Kommune")).to_be_visible()


def test_your_turn_holds_back_a_third_unanswered_message(browser, live_server, citizen):
    bo = UserFactory(display_name="Bo", postcode=citizen.postcode)
    conversation = start_conversation(
        sender=citizen, post=make_post(bo), body="Hej Bo", client_token=None
    ).conversation
    context = browser.new_context()
    session_for(context, live_server, citizen)
    page = context.new_page()
    page.goto(f"{live_server.url}/beskeder/{conversation.pk}/")
    page.get_by_label("Din besked").fill("Er du der?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("nu er det Bos tur")).to_be_visible()
    page.get_by_label("Din besked").fill("Hallo?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("skrive til en anden i mellemtiden")
    expect(page.get_by_label("Din besked")).to_have_value("Hallo?")


def test_a_minor_sees_the_youth_help_lines(browser, live_server, aalborg_postcode):
    sofie = UserFactory(display_name="Sofie", birth_date=years_ago(15), postcode=aalborg_postcode)
    emma = UserFactory(display_name="Emma", birth_date=years_ago(16), postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=sofie, post=make_post(emma), body="Hej Emma", client_token=None
    ).conversation
    send_ready_reply(sender=emma, conversation=conversation, reply="decline", client_token=None)
    context = browser.new_context()
    session_for(context, live_server, sofie)
    page = context.new_page()
    page.goto(f"{live_server.url}/beskeder/{conversation.pk}/")
    offer = page.get_by_role("complementary", name="Du står ikke alene med det")
    expect(offer.get_by_role("link", name="116 111")).to_be_visible()
    expect(offer).to_contain_text("Cyberhus")
    expect(offer).not_to_contain_text("Livslinien")
