"""Three neighbours who want walks are offered a small group; the third says yes on her
suggestions page, the group starts, and she greets the others with a ready-made reply."""

import pytest
from playwright.sync_api import expect

from belong.matching.groups import answer_small_group, offer_small_groups
from belong.matching.models import SmallGroup
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PASSWORD, UserFactory, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core is injected as a script of its own, which the page's CSP would refuse.
    return {**browser_context_args, "bypass_csp": True}


def test_a_small_group_starts_when_three_say_yes(page, live_server, nordjylland):
    people = [
        UserFactory(
            email=f"{name.lower()}@example.dk", display_name=name, postcode=nordjylland["9000"]
        )
        for name in ("Nina", "Mette", "Sara")
    ]
    for person in people:
        make_post(person, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    assert offer_small_groups() == 1
    group = SmallGroup.objects.get()
    nina, mette, sara = people
    answer_small_group(user=mette, group_id=group.pk, yes=True)
    answer_small_group(user=sara, group_id=group.pk, yes=True)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("nina@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/forslag/")
    offer = page.get_by_role("region", name="En lille gruppe til dig")
    expect(offer).to_contain_text("Dit svar er privat.")
    assert_no_axe_violations(page)
    offer.get_by_role("button", name="Ja, jeg vil gerne være med").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Din lille gruppe")
    expect(page.get_by_text("Gruppen er startet. Sig hej til de andre!")).to_be_visible()
    members = page.get_by_role("region", name="I gruppen")
    expect(members).to_contain_text("Mette")
    expect(members).to_contain_text("Sara")
    page.get_by_role("button", name="Hej allesammen! Jeg er glad for at være med.").click()
    expect(page.get_by_text("Din besked er sendt til gruppen.")).to_be_visible()
    expect(page.get_by_role("region", name="Beskeder")).to_contain_text(
        "Jeg er glad for at være med"
    )
    page.get_by_label("Din besked til gruppen").fill("Skal vi gå en tur ved fjorden lørdag?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("region", name="Beskeder")).to_contain_text("ved fjorden lørdag")
    assert_no_axe_violations(page)
