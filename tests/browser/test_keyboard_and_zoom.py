"""Without a mouse: sign up, write a post, search and write to someone, with focus always
visible. And nothing needs sideways scrolling at 320 px width or at 200% zoom."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from belong.messaging.models import Conversation
from tests.browser.keyboard import activate, tab_to, type_into
from tests.factories import PASSWORD, UserFactory, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


def test_the_main_journey_works_with_the_keyboard_alone(
    page, live_server, aalborg_postcode, mailoutbox
):
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
    make_post(bo, title="Kaffe og kortspil om tirsdagen", body="Jeg spiller gerne whist.")

    # Sign up.
    page.goto(live_server.url)
    activate(page, "Opret en gratis profil")
    expect(page.get_by_label("Dit navn")).to_be_visible()
    type_into(page, "E-mail", "karen@example.dk", exact=True)
    type_into(page, "Adgangskode", PASSWORD)
    type_into(page, "Dit navn", "Karen")
    type_into(page, "Dag", "17", exact=True)
    type_into(page, "Måned", "5", exact=True)
    type_into(page, "År", "1985", exact=True)
    activate(page, "Kvinde", key="Space")
    type_into(page, "Postnummer", "9000")
    activate(page, "Jeg har læst Belongs vilkår", key="Space")
    activate(page, "Opret konto")
    expect(page.get_by_label("Kode")).to_be_visible()
    code = CODE.search(mailoutbox[-1].body).group(1)
    page.get_by_label("Kode").focus()  # the page puts the cursor here; make it explicit
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Karen")

    # Write a post: the one next step the overview offers someone new.
    activate(page, "Skriv dit første opslag", exact=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv et opslag")
    type_into(page, "Overskrift", "Ny i Aalborg, søger kortspillere")
    type_into(page, "Fortæl lidt om dig selv", "Jeg kan lide whist og kaffe.")
    activate(page, "En ven", key="Space")
    activate(page, "Kaffe og en god snak", key="Space")
    activate(page, "Offentliggør")
    expect(page.get_by_role("status").first).to_contain_text("Dit opslag er offentliggjort")

    # Search.
    activate(page, "Find folk", exact=True)
    type_into(page, "Søgeord", "kortspil")
    page.keyboard.press("Enter")
    result = page.get_by_role("link", name="Kaffe og kortspil om tirsdagen")
    expect(result).to_be_visible()

    # Write to Bo.
    activate(page, "Kaffe og kortspil om tirsdagen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaffe og kortspil om tirsdagen")
    activate(page, "Skriv til Bo")
    type_into(page, "Din besked", "Hej Bo, jeg spiller også whist.")
    activate(page, "Send", exact=True)
    expect(page.get_by_text("Hej Bo, jeg spiller også whist.")).to_be_visible()
    assert Conversation.objects.filter(post__author=bo).count() == 1


def test_a_failed_form_can_be_fixed_from_the_error_summary(page, live_server, aalborg):
    page.goto(f"{live_server.url}/hjaelp/")
    type_into(page, "Dit navn", "Karen")
    activate(page, "Skriv til mig på e-mail", key="Space")
    type_into(page, "Hvad skal du have hjælp til?", "Jeg kan ikke logge ind.")
    activate(page, "Bed om hjælp")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Skriv din e-mail")
    # What was typed is kept; the summary's link takes the keyboard to the field.
    expect(page.get_by_label("Hvad skal du have hjælp til?")).to_have_value(
        "Jeg kan ikke logge ind."
    )
    expect(page.get_by_label("Dit navn")).to_have_value("Karen")
    activate(page, "E-mail: Skriv din e-mail")
    expect(page.get_by_role("textbox", name="E-mail")).to_be_focused()


NARROW_PAGES = [
    (None, "/"),
    (None, "/accounts/signup/"),
    (None, "/accounts/login/"),
    (None, "/hjaelp/"),
    ("citizen", "/opslag/nyt/"),
    ("citizen", "/opslag/?q=kortspil&where=country"),
    ("citizen", "post"),
    ("citizen", "/mine-opslag/"),
    ("citizen", "/beskeder/"),
    ("citizen", "/profil/"),
]


@pytest.mark.parametrize(
    "viewport",
    [
        {"viewport": {"width": 320, "height": 640}},
        # 200% zoom of a 640 px wide window: the layout gets 320 CSS pixels at scale 2.
        {"viewport": {"width": 320, "height": 480}, "device_scale_factor": 2},
    ],
    ids=["320px", "zoom200"],
)
def test_nothing_scrolls_sideways_on_a_narrow_screen(browser, live_server, citizen, viewport):
    post = make_post(
        citizen,
        title="Kortspil og kaffe i Aalborg Øst hver tirsdag formiddag",
        body="Enmegetlangtordudenmellemrumsomkunneskubbesidentilsiden" * 3,
    )
    context = browser.new_context(**viewport)
    client = Client()
    client.force_login(citizen)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    overflowing = []
    for who, url in NARROW_PAGES:
        if who is None:
            context.clear_cookies()
        else:
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        path = f"/opslag/{post.pk}/" if url == "post" else url
        page.goto(live_server.url + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            overflowing.append(f"{path}: {widths[0]} > {widths[1]}")
    context.close()
    assert not overflowing, "Pages scroll sideways:\n" + "\n".join(overflowing)


def test_the_focus_check_fails_when_focus_is_hidden(page):
    page.set_content("<style>button:focus { outline: none; }</style><button>Skjult fokus</button>")
    with pytest.raises(AssertionError, match="not visible"):
        tab_to(page, "Skjult fokus")
