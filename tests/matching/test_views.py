import pytest
from django.urls import reverse

from belong.matching.models import HiddenSuggestion, LifeSituation
from belong.matching.services import compute_suggestions
from tests.factories import make_post
from tests.html import validate_html

pytestmark = pytest.mark.django_db


def test_the_life_situation_form_saves_what_applies_and_what_is_shown(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("life_situation"))
    assert page.status_code == 200
    assert "Ny i området" in page.content.decode()
    answer = client.post(
        reverse("life_situation"), {"situations": ["new_in_area"], "shown": ["new_in_area"]}
    )
    assert answer.status_code == 302
    row = LifeSituation.objects.get(user=citizen)
    assert row.situations == ["new_in_area"] and row.shown == ["new_in_area"]


def test_bad_input_keeps_the_form_without_an_error_page(client, citizen):
    client.force_login(citizen)
    answer = client.post(reverse("life_situation"), {"situations": ["nonsense"]})
    assert answer.status_code == 400


def test_suggestions_page_shows_reasons_and_hides_one(
    client, citizen, neighbour, django_assert_max_num_queries
):
    LifeSituation.objects.create(user=citizen, situation_mask=1, shown_mask=0)
    LifeSituation.objects.create(user=neighbour, situation_mask=1, shown_mask=1)
    make_post(citizen)
    post = make_post(neighbour, title="Gåture ved fjorden")
    compute_suggestions(citizen)  # as the daily task does
    client.force_login(citizen)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("suggestions"))
    html = page.content.decode()
    assert "Gåture ved fjorden" in html and "også ny i området" in html
    validate_html(html)
    answer = client.post(reverse("suggestion_hide", args=[post.pk]))
    assert answer.status_code == 302
    assert HiddenSuggestion.objects.filter(viewer=citizen, post=post).exists()
    assert "Gåture ved fjorden" not in client.get(reverse("suggestions")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(reverse("suggestions")).status_code == 302


def test_the_api_lists_suggestions_with_reasons_and_hides_one(client, citizen, neighbour):
    LifeSituation.objects.create(user=citizen, situation_mask=1, shown_mask=0)
    LifeSituation.objects.create(user=neighbour, situation_mask=1, shown_mask=1)
    post = make_post(neighbour)
    client.force_login(citizen)
    answer = client.get("/api/v1/suggestions", headers={"accept-language": "en"})
    assert answer.status_code == 200
    [item] = answer.json()["items"]
    assert item["post"]["id"] == post.pk
    assert "also new in the area" in item["reasons"]
    client.get(reverse("suggestions"))
    token = client.cookies["csrftoken"].value
    hidden = client.post(f"/api/v1/suggestions/{post.pk}/hide", headers={"x-csrftoken": token})
    assert hidden.status_code == 204
    assert client.get("/api/v1/suggestions").json()["items"] == []
