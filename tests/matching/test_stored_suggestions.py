"""Stored suggestions: computed once, read as a few rows, and never showing what search
would not, whatever changed between the computing and the reading."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belong.core import clock
from belong.matching.models import HiddenSuggestion, StoredSuggestions
from belong.matching.services import (
    compute_suggestions,
    hide_suggestion,
    save_life_situation,
    suggestions_for,
)
from belong.matching.tasks import refresh_suggestions, refresh_suggestions_for
from belong.messaging.models import Conversation, ConversationStatus
from belong.posts.models import Post
from belong.posts.services import delete_post, hide_post, pause_post
from belong.posts.visibility import visible_posts
from belong.safety.models import Block
from tests.factories import PostcodeFactory, UserFactory, make_post, years_ago

pytestmark = pytest.mark.django_db

# What may happen to an author or their post after the viewer's list was stored.
CHANGES = [
    None,
    "blocked_by_viewer",
    "blocked_by_author",
    "hidden_by_viewer",
    "declined",
    "deleted",
    "paused",
    "hidden_by_moderator",
    "reach_narrowed",
    "expired",
]


def _apply(change, *, viewer, author, post):
    if change == "blocked_by_viewer":
        Block.objects.create(blocker=viewer, blocked=author)
    elif change == "blocked_by_author":
        Block.objects.create(blocker=author, blocked=viewer)
    elif change == "hidden_by_viewer":
        hide_suggestion(viewer=viewer, post=post)
    elif change == "declined":
        Conversation.objects.create(
            post=None,
            starter=author,
            recipient=viewer,
            post_title="x",
            status=ConversationStatus.DECLINED,
        )
    elif change == "deleted":
        delete_post(author=author, post=post)
    elif change == "paused":
        pause_post(author=author, post=post)
    elif change == "hidden_by_moderator":
        hide_post(post_id=post.pk)
    elif change == "reach_narrowed":
        # The author now only wants people within 1 km (a place field, not the status).
        Post.objects.filter(pk=post.pk).update(reach="near", reach_km=1)
    elif change == "expired":
        Post.objects.filter(pk=post.pk).update(expires_at=clock.now() - datetime.timedelta(1))


authors_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "age": st.sampled_from([14, 16, 25, 40, 70]),
            "far": st.booleans(),
            "reach": st.sampled_from(["near", "municipality", "region", "country", "online"]),
            "change": st.sampled_from(CHANGES),
        }
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(viewer_age=st.sampled_from([15, 34]), authors=authors_strategy)
def test_stored_suggestions_never_show_what_search_would_not(aalborg_postcode, viewer_age, authors):
    far_place = PostcodeFactory(code="2100", latitude=55.7, longitude=12.57)
    viewer = UserFactory(birth_date=years_ago(viewer_age), postcode=aalborg_postcode)
    made = []
    for spec in authors:
        author = UserFactory(
            birth_date=years_ago(spec["age"]),
            postcode=far_place if spec["far"] else aalborg_postcode,
        )
        post = make_post(
            author, reach=spec["reach"], reach_km=10 if spec["reach"] == "near" else None
        )
        made.append((spec["change"], author, post))
    stored = compute_suggestions(viewer)
    for change, author, post in made:
        _apply(change, viewer=viewer, author=author, post=post)

    suggestions = suggestions_for(viewer)

    # The stored list was read, not computed again: the live rules did the filtering.
    assert StoredSuggestions.objects.get(viewer=viewer).post_ids == stored.post_ids
    visible = set(visible_posts(viewer).values_list("pk", flat=True))
    hidden = set(HiddenSuggestion.objects.filter(viewer=viewer).values_list("post", flat=True))
    refused = {author.pk for change, author, _post in made if change == "declined"}
    for suggestion in suggestions:
        assert suggestion.post.pk in visible
        assert suggestion.post.pk not in hidden
        assert suggestion.post.author_id not in refused
        assert suggestion.post.is_youth == viewer.is_youth
        if viewer.is_youth or suggestion.post.is_youth:
            assert suggestion.distance_km is None
    # Nor does it lose what is still there: at most eight of the forty stored went away.
    refused_posts = set(Post.objects.filter(author__in=refused).values_list("pk", flat=True))
    assert len(suggestions) == min(10, len(visible - hidden - refused_posts))


def test_a_changed_life_situation_computes_the_list_again(citizen, neighbour):
    make_post(neighbour)
    first = compute_suggestions(citizen)
    save_life_situation(user=citizen, situations=["new_in_area"], shown=[])
    suggestions_for(citizen)
    assert StoredSuggestions.objects.get(viewer=citizen).fingerprint != first.fingerprint


def test_a_new_own_post_computes_the_list_again(citizen, neighbour):
    make_post(neighbour)
    first = compute_suggestions(citizen)
    make_post(citizen, wish_age_min=20, wish_age_max=30)
    suggestions_for(citizen)
    assert StoredSuggestions.objects.get(viewer=citizen).fingerprint != first.fingerprint


def test_a_post_published_after_the_daily_run_waits_for_the_next(citizen, neighbour, outsider):
    early = make_post(neighbour)
    citizen.last_login = clock.now()
    citizen.save(update_fields=["last_login"])
    assert refresh_suggestions.call() == 1
    late = make_post(outsider)
    assert [s.post for s in suggestions_for(citizen)] == [early]
    assert refresh_suggestions_for.call(citizen.pk) is True
    assert {s.post for s in suggestions_for(citizen)} == {early, late}


def test_the_daily_run_leaves_out_who_has_not_been_here(citizen, neighbour):
    make_post(neighbour)
    citizen.last_login = clock.now() - datetime.timedelta(days=365)
    citizen.save(update_fields=["last_login"])
    assert refresh_suggestions.call() == 0
    assert refresh_suggestions_for.call(10**9) is False
