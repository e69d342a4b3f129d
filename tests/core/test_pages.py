import pytest
from django.urls import reverse

from belong.places.models import Licence
from tests.factories import UserFactory
from tests.html import validate_html


@pytest.fixture
def members(aalborg_postcode):
    return UserFactory.create_batch(12, postcode=aalborg_postcode)


def test_the_front_page_is_danish_by_default(client, aalborg, members):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    validate_html(html)
    assert '<html lang="da">' in html
    assert 'href="#indhold"' in html
    assert "Tilgængelighedserklæring" in html
    assert "Aalborg Kommune" in html
    assert "12 medlemmer" in html


def test_the_front_page_hides_small_member_counts(client, aalborg_postcode):
    UserFactory.create_batch(3, postcode=aalborg_postcode)
    html = client.get("/").content.decode()
    assert "3 medlemmer" not in html
    assert "færre end 10 medlemmer" in html


def test_the_language_switch_turns_the_site_english(client, aalborg):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Find new friends near you" in html
    # The accessibility statement keeps its Danish legal name in every language.
    assert "Tilgængelighedserklæring" in html


def test_the_accessibility_link_follows_the_citizens_municipality(client, citizen, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://example.dk/was"
    html = client.get("/").content.decode()
    assert 'href="https://example.dk/was"' in html
    municipality = citizen.postcode.municipality
    municipality.accessibility_statement_url = "https://aalborg.dk/was-belong"
    municipality.save()
    client.force_login(citizen)
    assert 'href="https://aalborg.dk/was-belong"' in client.get("/").content.decode()
    # Every page links to it, so it is kept a while; a change shows at once all the same.
    municipality.accessibility_statement_url = "https://aalborg.dk/ny-erklaering"
    municipality.save(update_fields=["accessibility_statement_url"])
    assert 'href="https://aalborg.dk/ny-erklaering"' in client.get("/").content.decode()


def test_the_footer_costs_no_query_once_the_statement_is_known(client, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(citizen)
    client.get(reverse("inbox"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("inbox"))
    assert not any('FROM "places_municipality"' in q["sql"] for q in queries)


@pytest.mark.parametrize("name", ["about", "accessibility", "account_login", "account_signup"])
def test_public_pages_render_valid_html(client, aalborg_postcode, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    validate_html(response.content)


def test_the_front_page_lists_only_licensed_municipalities(client, aalborg, vejle_postcode):
    html = client.get("/").content.decode()
    assert "Aalborg Kommune" in html
    assert "Vejle Kommune" not in html
    Licence.objects.create(municipality=vejle_postcode.municipality)
    assert "Vejle Kommune" in client.get("/").content.decode()


def test_the_front_page_keeps_a_fixed_number_of_queries(
    client, aalborg, members, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get("/")


def test_the_browser_language_does_not_override_danish(client, aalborg):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in html
