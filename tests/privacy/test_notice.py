"""The privacy notice of a municipality: controller and processor, what is kept and why (from
the registry), for how long (from the very settings the retention rules read) and the
rights, with links. Public, in Danish and in English."""

import pytest
from django.urls import reverse

from belong.privacy.notice import periods
from belong.privacy.registry import entries
from tests.factories import MunicipalityFactory
from tests.html import validate_html


def notice_url(municipality) -> str:
    return reverse("privacy_notice", args=[municipality.slug])


def test_every_retention_rule_shows_its_period_on_the_notice():
    for entry in entries():
        rules = set(getattr(entry, "RETENTION", {}))
        shown = set(getattr(entry, "RETENTION_PERIODS", {}))
        assert rules == shown, entry.__name__


def test_every_entry_says_what_it_keeps_and_why():
    for entry in entries():
        if hasattr(entry, "PERSONAL_DATA_MODELS"):
            assert str(entry.DATA_HELD).strip(), entry.__name__
            assert str(entry.PURPOSE).strip(), entry.__name__


@pytest.mark.django_db
def test_the_notice_names_controller_processor_periods_and_rights_in_danish(client, aalborg):
    response = client.get(notice_url(aalborg))
    assert response.status_code == 200
    validate_html(response.content)
    page = response.content.decode()
    assert "Aalborg Kommune er dataansvarlig" in page
    assert "Belong er databehandler" in page
    assert "Dine opslag, kladder og gemte søgninger." in page
    assert "Kladder, du ikke har rørt" in page and "90 dage" in page
    assert "730 dage" in page and "30 dage" in page and "365 dage" in page
    assert reverse("my_data") in page
    assert reverse("delete_account") in page
    assert "14 dage" in page


@pytest.mark.django_db
def test_the_periods_follow_the_settings_the_rules_read(client, aalborg, settings):
    settings.BELONG_RETENTION_DRAFT_DAYS = 45
    settings.BELONG_RETENTION_OUTBOX_DAYS = 1
    shown = {period.setting: period.value for period in periods()}
    assert shown["BELONG_RETENTION_DRAFT_DAYS"] == 45
    page = client.get(notice_url(aalborg)).content.decode()
    assert "45 dage" in page and "1 dag<" in page
    assert "90 dage" not in page


@pytest.mark.django_db
def test_the_notice_speaks_english_when_chosen(client, aalborg, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(notice_url(aalborg)).content.decode()
    assert "Aalborg Municipality is the data controller" in page
    assert "Belong is the data processor" in page
    assert "Your posts, drafts and saved searches." in page
    assert "90 days" in page


@pytest.mark.django_db
def test_the_municipality_page_links_its_privacy_notice(client, aalborg):
    page = client.get(reverse("municipality_page", args=[aalborg.slug])).content.decode()
    assert f'href="{notice_url(aalborg)}"' in page


@pytest.mark.django_db
def test_a_municipality_without_a_licence_has_no_notice(client):
    unlicensed = MunicipalityFactory(code=630, name="Vejle")
    assert client.get(notice_url(unlicensed)).status_code == 404
