"""The municipality's own page: public, written by its administrators, with help at hand."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from belong.municipalities.local import (
    LOCAL_SECTIONS,
    LocalItem,
    LocalSection,
    register_local_section,
    save_announcement,
    update_landing_page,
)
from belong.places.models import Municipality, municipality_slug
from belong.places.services import load_places
from tests.factories import MunicipalityFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff


@pytest.fixture
def admin(aalborg, aalborg_postcode):
    return make_staff(aalborg, "administrator", display_name="Mette", postcode=aalborg_postcode)


def announce(admin, municipality, title, *, starts, ends):
    now = timezone.now()
    return save_announcement(
        administrator=admin,
        municipality=municipality,
        title=title,
        body=f"{title}: kom og vær med.",
        starts_at=now + datetime.timedelta(days=starts),
        ends_at=now + datetime.timedelta(days=ends),
    )


def test_danish_letters_become_ae_oe_aa_in_the_address():
    assert municipality_slug("Lyngby-Taarbæk") == "lyngby-taarbaek"
    assert municipality_slug("Ærø") == "aeroe"
    assert municipality_slug("Høje-Taastrup") == "hoeje-taastrup"
    assert municipality_slug("København") == "koebenhavn"


def test_every_shipped_municipality_gets_its_own_address(db):
    load_places()
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(slugs) == 98 and len(set(slugs)) == 98 and all(slugs)
    assert Municipality.objects.get(code=851).slug == "aalborg"
    # Loading again keeps an address the operator changed.
    Municipality.objects.filter(code=851).update(slug="aalborg-kommune")
    load_places()
    assert Municipality.objects.get(code=851).slug == "aalborg-kommune"


def test_anyone_can_open_the_page_without_logging_in(client, aalborg, admin):
    update_landing_page(
        administrator=admin,
        municipality=aalborg,
        welcome="Velkommen til Belong i Aalborg!",
        it_support="Ring til Borgerservice på 99 31 31 31, hverdage 10-14.",
        facilitators="Vores facilitatorer hedder Lone og Ahmed.",
        privacy_notice_url="https://www.aalborg.dk/privatliv",
        accessibility_statement_url="https://www.was.digst.dk/belong-aalborg",
    )
    announce(admin, aalborg, "Julehygge på biblioteket", starts=-1, ends=5)
    response = client.get(reverse("municipality_page", args=["aalborg"]))
    assert response.status_code == 200
    page = response.content.decode()
    validate_html(page)
    assert "Belong i Aalborg Kommune" in page
    assert "Velkommen til Belong i Aalborg!" in page
    assert "Julehygge på biblioteket" in page
    assert "99 31 31 31" in page and "Lone og Ahmed" in page
    assert 'href="https://www.aalborg.dk/privatliv"' in page
    assert 'href="https://www.was.digst.dk/belong-aalborg"' in page
    assert f'href="{reverse("help_request")}?kommune={aalborg.pk}"' in page
    assert "Opret dig gratis" in page or reverse("account_signup") in page


def test_the_page_shows_only_announcements_that_are_current(client, aalborg, admin):
    announce(admin, aalborg, "Nu", starts=-1, ends=1)
    announce(admin, aalborg, "Senere", starts=2, ends=4)
    announce(admin, aalborg, "Forbi", starts=-5, ends=-1)
    page = client.get(reverse("municipality_page", args=["aalborg"])).content.decode()
    assert "Nu: kom og vær med." in page
    assert "Senere" not in page and "Forbi" not in page


def test_before_staff_write_anything_the_page_still_welcomes(client, aalborg):
    page = client.get(reverse("municipality_page", args=["aalborg"])).content.decode()
    validate_html(page)
    assert "tilbyder Belong gratis" in page
    assert "Ingen nyheder lige nu." in page
    assert reverse("accessibility") in page


def test_an_unknown_or_unlicensed_municipality_has_no_page(client, aalborg):
    MunicipalityFactory(code=630, name="Vejle")
    assert client.get(reverse("municipality_page", args=["vejle"])).status_code == 404
    assert client.get(reverse("municipality_page", args=["atlantis"])).status_code == 404


def test_sections_other_apps_register_appear_on_the_page(client, aalborg):
    soon = timezone.now() + datetime.timedelta(days=3)

    def walks(viewer, municipality, start, end):
        return [LocalItem(title=f"Gåtur i {municipality.name}", url="/x/", when=soon)]

    register_local_section(LocalSection(key="test-walks", heading="Gåture", items=walks))
    try:
        page = client.get(reverse("municipality_page", args=["aalborg"])).content.decode()
    finally:
        LOCAL_SECTIONS.pop("test-walks")
    validate_html(page)
    assert "Gåture" in page and "Gåtur i Aalborg" in page


def test_the_page_has_a_fixed_query_budget(client, aalborg, admin, django_assert_max_num_queries):
    for n in range(8):
        announce(admin, aalborg, f"Meddelelse {n}", starts=-1, ends=3)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("municipality_page", args=["aalborg"]))
    assert response.status_code == 200


def test_the_administrator_writes_the_page(client, aalborg, admin):
    sign_in_staff(client, admin)
    url = reverse("landing_page_edit", args=[aalborg.pk])
    page = client.get(url).content.decode()
    validate_html(page)
    response = client.post(
        url,
        {
            "welcome": "Hej og velkommen",
            "it_support": "",
            "facilitators": "",
            "privacy_notice_url": "ikke en adresse med mellemrum",
            "accessibility_statement_url": "",
        },
    )
    assert response.status_code == 200  # the bad address comes back, with what was typed
    assert "Hej og velkommen" in response.content.decode()
    response = client.post(
        url,
        {
            "welcome": "Hej og velkommen",
            "it_support": "Ring 12 34 56 78",
            "facilitators": "",
            "privacy_notice_url": "https://aalborg.dk/privatliv",
            "accessibility_statement_url": "https://was.digst.dk/aalborg",
        },
    )
    assert response.status_code == 302
    aalborg.refresh_from_db()
    assert aalborg.landing_page.welcome == "Hej og velkommen"
    assert aalborg.landing_page.updated_by == admin
    assert aalborg.accessibility_statement_url == "https://was.digst.dk/aalborg"


def test_a_moderator_who_is_no_administrator_cannot_write_the_page(client, aalborg):
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    assert client.get(reverse("landing_page_edit", args=[aalborg.pk])).status_code == 404


def test_the_front_page_links_to_each_municipality_page(client, aalborg):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("municipality_page", args=["aalborg"])}"' in page


@pytest.fixture
def local_life(aalborg, admin, citizen):
    from belong.organisations.services import apply_for_verification, decide_application
    from tests.local_life import make_activity, make_organisation

    facilitator = make_staff(aalborg, "facilitator", display_name="Lone")
    verified = make_organisation(citizen, name="Aalborg Gåklub")
    application = apply_for_verification(applicant=citizen, organisation=verified)
    decide_application(staff=admin, application=application, approve=True)
    make_organisation(citizen, name="Uverificeret Strikkecafé")
    make_activity(facilitator, municipality=aalborg, title="Brætspilsaften på biblioteket")
    make_activity(
        facilitator, municipality=aalborg, title="Ungecafé for 13-17-årige", age_range="youth"
    )
    far = timezone.now() + datetime.timedelta(days=200)
    make_activity(
        facilitator,
        municipality=aalborg,
        title="Sommerfest langt ude i fremtiden",
        starts_at=far,
        ends_at=far + datetime.timedelta(hours=2),
    )


def test_the_page_lists_upcoming_activities_and_verified_organisations(
    client, aalborg, local_life, minor
):
    page = client.get(reverse("municipality_page", args=["aalborg"])).content.decode()
    validate_html(page)
    assert "Kommende aktiviteter" in page and "Brætspilsaften på biblioteket" in page
    assert "Godkendte foreninger" in page and "Aalborg Gåklub" in page
    assert "Uverificeret Strikkecafé" not in page
    assert "Sommerfest langt ude i fremtiden" not in page
    # Adults, and visitors who are not signed in, never see where young people meet alone.
    assert "Ungecafé" not in page
    assert page.index("Kommende aktiviteter") < page.index("Godkendte foreninger")
    client.force_login(minor)
    page = client.get(reverse("municipality_page", args=["aalborg"])).content.decode()
    assert "Ungecafé for 13-17-årige" in page


def test_the_page_with_activities_and_organisations_keeps_its_query_budget(
    client, aalborg, local_life, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("municipality_page", args=["aalborg"]))
    assert response.status_code == 200


def test_the_newsletter_template_lists_the_months_activities_for_everyone(
    aalborg, admin, local_life
):
    from belong.municipalities.newsletter import draft_text

    _subject, body = draft_text(aalborg, timezone.localdate() + datetime.timedelta(days=3), "da")
    assert "Brætspilsaften på biblioteket" in body
    assert "Ungecafé" not in body  # one text for every reader: no youth activity in it
    assert "Aalborg Gåklub" not in body  # organisations are on the page, not in the letter
