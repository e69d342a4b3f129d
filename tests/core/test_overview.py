import pytest
from django.urls import reverse

from belong.matching.services import compute_suggestions
from belong.messaging.models import Conversation
from tests.factories import make_post
from tests.html import validate_html

pytestmark = pytest.mark.django_db


def test_someone_who_has_done_nothing_gets_one_next_step(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("home")).content.decode()
    assert "Skriv dit første opslag" in html
    validate_html(html)


def test_the_overview_shows_posts_waiting_answers_and_suggestions(
    client, citizen, outsider, django_assert_max_num_queries
):
    mine = make_post(citizen, title="Kortspil om tirsdagen")
    theirs = make_post(outsider, title="Gåtur ved fjorden")
    Conversation.objects.create(
        post=mine, starter=outsider, recipient=citizen, post_title=mine.title
    )
    Conversation.objects.create(
        post=theirs, starter=citizen, recipient=outsider, post_title=theirs.title
    )
    make_post(outsider, title="Fællesspisning")
    compute_suggestions(citizen)  # as the daily task does
    client.force_login(citizen)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("home"))
    html = page.content.decode()
    assert "1 person skrev til dig" in html
    assert "Ole skrev til dig om »Kortspil om tirsdagen«" in html
    assert "Fra Ole, om »Gåtur ved fjorden«" in html
    assert "Dagens forslag" in html and "Fællesspisning" in html
    assert "Skriv dit første opslag" not in html
    validate_html(html)
