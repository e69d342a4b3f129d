"""A citizen says yes to the questionnaires, answers WHO-5 and the questions on loneliness,
is pointed warmly to support, and takes her yes back; the analyst's figures count her, and
then no longer do."""

import datetime

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.core import clock
from belong.outcomes import services
from belong.outcomes.models import Response
from tests.browser.axe import assert_no_axe_violations
from tests.outcomes.people import answer, member
from tests.staff import make_staff, sign_in_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WHO5_ITEMS = [
    "Har jeg været glad og i godt humør",
    "Har jeg følt mig rolig og afslappet",
    "Har jeg følt mig aktiv og energisk",
    "Er jeg vågnet frisk og udhvilet",
    "Har min dagligdag været fyldt med ting, der interesserer mig",
]
UCLA3_ITEMS = [
    "Hvor tit føler du, at du savner nogen at være sammen med?",
    "Hvor tit føler du dig holdt udenfor?",
    "Hvor tit føler du dig isoleret fra andre?",
]


def session(context, live_server, user, *, staff=False):
    client = Client()
    if staff:
        sign_in_staff(client, user)
    else:
        client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_citizen_answers_is_pointed_to_support_and_her_answers_leave_the_figures(
    browser, live_server, aalborg, aalborg_postcode, citizen
):
    # Nine neighbours answered at sign-up and after three months.
    for _ in range(9):
        member(aalborg_postcode, start=(10, 7), later=(16, 5))
    analyst = make_staff(aalborg, "analyst", display_name="Ane", postcode=aalborg_postcode)

    anne = browser.new_context(bypass_csp=True).new_page()
    session(anne.context, live_server, citizen)
    anne.goto(f"{live_server.url}/profil/")
    anne.get_by_role("link", name="Korte spørgsmål om, hvordan du har det").click()
    expect(anne.get_by_role("heading", level=1)).to_have_text("Hvordan har du det?")
    assert_no_axe_violations(anne)

    # She says yes to answering and to linking, not to research.
    anne.get_by_label("Ja, jeg vil gerne svare på nogle få korte spørgsmål").check()
    anne.get_by_label("Ja, mine svar må tælles med").check()
    anne.get_by_role("button", name="Ja, jeg vil gerne svare").click()
    expect(anne.get_by_role("status").first).to_contain_text("Tak, fordi du siger ja")

    # WHO-5 first: a hard fortnight (raw score 2 x 5 = 10), then loneliness.
    expect(anne.get_by_role("heading", name="Din trivsel")).to_be_visible()
    for item in WHO5_ITEMS:
        anne.get_by_role("group", name=item).get_by_label("Lidt mindre end halvdelen").check()
    for item in UCLA3_ITEMS:
        anne.get_by_role("group", name=item).get_by_label("Ofte").check()
    anne.get_by_role("group", name="Sker det, at du er alene").get_by_label("Ja, ofte").check()
    assert_no_axe_violations(anne)
    anne.get_by_role("button", name="Send mine svar").click()

    # A warm pointer to support, for her eyes only.
    care = anne.get_by_role("complementary", name="Tak, fordi du fortæller, hvordan du har det")
    expect(care).to_contain_text("70 201 201")
    expect(care).to_contain_text("Din egen læge")
    expect(care.get_by_role("link", name="Jeg vil gerne have støtte")).to_be_visible()
    assert_no_axe_violations(anne)
    baseline = Response.objects.get(user=citizen)
    assert (baseline.wave, baseline.who5_raw, baseline.ucla3_score) == (0, 10, 9)

    # Three months on she answers again (the clock moved, through the same service).
    citizen.refresh_from_db()
    later = citizen.date_joined + datetime.timedelta(days=95)
    with clock.set_to(later):
        assert services.due_wave(citizen) == 3
    answer(citizen, who5=16, ucla3=5, when=later)

    # The analyst's figures count ten people, Anne among them.
    desk = browser.new_context(bypass_csp=True).new_page()
    session(desk.context, live_server, analyst, staff=True)
    desk.goto(f"{live_server.url}/statistik/udfald/")
    everyone = desk.get_by_role("table", name="Ændring siden første runde: Alle, der har svaret")
    expect(everyone).to_contain_text("10 personer")
    expect(everyone).to_contain_text("WHO-5: 6,0")
    expect(desk.get_by_role("main")).to_contain_text("ikke valideret")
    assert_no_axe_violations(desk)

    # She stops with one click: her answers are deleted and leave the figures.
    anne.goto(f"{live_server.url}/spoergeskema/")
    anne.get_by_role("button", name="Stop med at svare og slet mine svar").click()
    expect(anne.get_by_role("status").first).to_contain_text("dine svar er slettet")
    assert not Response.objects.filter(user=citizen).exists()
    expect(anne.get_by_role("button", name="Ja, jeg vil gerne svare")).to_be_visible()

    desk.reload()
    everyone = desk.get_by_role("table", name="Ændring siden første runde: Alle, der har svaret")
    expect(everyone).to_contain_text("9 personer")
    expect(everyone).not_to_contain_text("10 personer")
    expect(everyone).to_contain_text("WHO-5: skjult")  # a mean over 9 is not shown

    # On her profile the withdrawn yes stays on record, with when she took it back.
    anne.goto(f"{live_server.url}/profil/")
    consents = anne.get_by_role("region", name="Det har du sagt ja til")
    expect(consents).to_contain_text("Du trak dette ja tilbage")
