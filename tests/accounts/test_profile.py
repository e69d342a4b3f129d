import pytest
from django.urls import reverse

from tests.html import validate_html


@pytest.mark.parametrize("name", ["profile", "profile_edit"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_profile_shows_age_group_not_birth_date_to_others(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("profile")).content.decode()
    validate_html(html)
    assert "30-39" in html
    assert "Aalborg Kommune" in html


def test_a_citizen_edits_about_me_and_interests(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("profile_edit"),
        {
            "display_name": "Anne Marie",
            "gender": "woman",
            "postcode": "9000",
            "about": "Jeg elsker lange gåture.",
            "interests": ["walks-nature", "music"],
        },
        follow=True,
    )
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.display_name == "Anne Marie"
    assert citizen.about == "Jeg elsker lange gåture."
    assert citizen.interests == ["walks-nature", "music"]
    assert "Gåture og natur" in response.content.decode()


def test_the_birth_date_cannot_be_changed_by_the_citizen(client, citizen):
    client.force_login(citizen)
    before = citizen.birth_date
    client.post(
        reverse("profile_edit"),
        {"display_name": "Anne", "gender": "woman", "postcode": "9000", "birth_date": "2000-01-01"},
    )
    citizen.refresh_from_db()
    assert citizen.birth_date == before


def test_a_failed_edit_keeps_what_was_typed(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("profile_edit"),
        {"display_name": "", "gender": "woman", "postcode": "9000", "about": "Min lange tekst"},
    )
    html = response.content.decode()
    validate_html(html)
    assert "error-summary" in html
    assert "Min lange tekst" in html


def test_moving_to_an_unlicensed_municipality_is_refused(client, citizen, vejle_postcode):
    client.force_login(citizen)
    response = client.post(
        reverse("profile_edit"), {"display_name": "Anne", "gender": "woman", "postcode": "7100"}
    )
    assert "Vejle Kommune tilbyder ikke Belong endnu" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.postcode.code == "9000"
