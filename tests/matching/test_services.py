import datetime

import pytest
from django.http import Http404
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belong.core import clock
from belong.matching.models import HiddenSuggestion, LifeSituation
from belong.matching.services import (
    compute_suggestions,
    get_suggestible_post,
    hide_suggestion,
    save_life_situation,
    suggestions_for,
)
from belong.messaging.models import Conversation, ConversationStatus
from belong.posts.visibility import visible_posts
from belong.safety.models import Block
from tests.factories import PostcodeFactory, UserFactory, make_post, years_ago

pytestmark = pytest.mark.django_db


def test_only_shown_situations_are_kept_as_shown(citizen):
    row = save_life_situation(
        user=citizen, situations=["new_in_area", "student"], shown=["new_in_area", "retired"]
    )
    assert row.situations == ["new_in_area", "student"]
    assert row.shown == ["new_in_area"]


def test_a_shown_shared_situation_is_a_reason(citizen, neighbour):
    save_life_situation(user=citizen, situations=["new_in_area"], shown=[])
    save_life_situation(user=neighbour, situations=["new_in_area"], shown=["new_in_area"])
    make_post(citizen)
    post = make_post(neighbour)
    with translation.override("da"):
        [suggestion] = suggestions_for(citizen)
    assert suggestion.post == post
    assert "også ny i området" in suggestion.reasons
    assert "I søger begge: en ven" in suggestion.reasons
    assert len(suggestion.reasons) <= 3


def test_a_private_situation_is_never_a_reason(citizen, neighbour):
    save_life_situation(user=citizen, situations=["new_in_area"], shown=["new_in_area"])
    save_life_situation(user=neighbour, situations=["new_in_area"], shown=[])
    make_post(neighbour)
    with translation.override("en"):
        [suggestion] = suggestions_for(citizen)
    assert "also new in the area" not in suggestion.reasons
    # Nor does the private one lift the post above a post without it.
    assert suggestion.score == suggestions_for(citizen)[0].score


def test_a_club_seeking_members_is_a_reason_for_one_who_seeks_a_group_not_another_club(
    citizen, neighbour, outsider
):
    make_post(citizen, motive="group")
    club = make_post(neighbour, motive="members")
    with translation.override("da"):
        [suggestion] = suggestions_for(citizen)
    assert suggestion.post == club
    assert "Søger: nye medlemmer til en forening" in suggestion.reasons
    # Another club seeking members is not told that they both seek members.
    make_post(outsider, motive="members")
    with translation.override("da"):
        reasons = [r for s in suggestions_for(outsider) for r in s.reasons]
    assert not any("nye medlemmer" in reason for reason in reasons)


def test_it_prefers_who_fits_both_ways(citizen, aalborg_postcode):
    make_post(citizen, wish_age_min=30, wish_age_max=40)
    younger = UserFactory(birth_date=years_ago(35), postcode=aalborg_postcode)
    wants_young = make_post(younger, wish_age_min=18, wish_age_max=25)
    wants_me = make_post(
        UserFactory(birth_date=years_ago(35), postcode=aalborg_postcode),
        wish_age_min=30,
        wish_age_max=40,
    )
    ranked = [s.post for s in suggestions_for(citizen)]
    assert ranked.index(wants_me) < ranked.index(wants_young)


def test_hidden_and_declined_are_never_suggested_again(citizen, neighbour, outsider):
    hidden = make_post(neighbour)
    declined = make_post(outsider)
    kept = make_post(UserFactory(postcode=citizen.postcode))
    hide_suggestion(viewer=citizen, post=hidden)
    hide_suggestion(viewer=citizen, post=hidden)
    Conversation.objects.create(
        post=declined,
        starter=outsider,
        recipient=citizen,
        post_title="x",
        status=ConversationStatus.DECLINED,
    )
    assert [s.post for s in suggestions_for(citizen)] == [kept]
    assert HiddenSuggestion.objects.count() == 1


def test_someone_elses_or_invisible_post_cannot_be_hidden(citizen, minor):
    youth_post = make_post(minor)
    own = make_post(citizen)
    for post in (youth_post, own):
        with pytest.raises(Http404):
            get_suggestible_post(citizen, post.pk)


def test_the_query_count_does_not_grow_with_the_posts(
    citizen, aalborg_postcode, django_assert_max_num_queries
):
    make_post(citizen)
    for _ in range(15):
        author = UserFactory(postcode=aalborg_postcode)
        LifeSituation.objects.create(user=author, situation_mask=1, shown_mask=1)
        make_post(author)
    compute_suggestions(citizen)
    # Read from the stored candidates: the viewer, the stored row, the posts under the live
    # rules, the authors' shown situations and their responsiveness.
    with django_assert_max_num_queries(6):
        assert len(suggestions_for(citizen)) == 10


# A suggestion never shows what search would not: youth space, blocks and reach.
people = st.fixed_dictionaries(
    {
        "age": st.sampled_from([14, 16, 25, 40, 70]),
        "far": st.booleans(),
        "reach": st.sampled_from(["near", "municipality", "region", "country", "online"]),
        "blocked": st.sampled_from([None, "by_viewer", "by_author"]),
        "situation": st.booleans(),
    }
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(viewer_age=st.sampled_from([15, 34]), authors=st.lists(people, min_size=1, max_size=6))
def test_no_suggestion_shows_what_search_would_not(aalborg_postcode, viewer_age, authors):
    far_place = PostcodeFactory(code="2100", latitude=55.7, longitude=12.57)
    viewer = UserFactory(birth_date=years_ago(viewer_age), postcode=aalborg_postcode)
    for spec in authors:
        author = UserFactory(
            birth_date=years_ago(spec["age"]),
            postcode=far_place if spec["far"] else aalborg_postcode,
        )
        if spec["situation"]:
            LifeSituation.objects.create(user=author, situation_mask=1, shown_mask=1)
        make_post(
            author,
            reach=spec["reach"],
            reach_km=10 if spec["reach"] == "near" else None,
        )
        if spec["blocked"] == "by_viewer":
            Block.objects.create(blocker=viewer, blocked=author)
        elif spec["blocked"] == "by_author":
            Block.objects.create(blocker=author, blocked=viewer)
    visible = set(visible_posts(viewer).values_list("pk", flat=True))
    for suggestion in suggestions_for(viewer):
        assert suggestion.post.pk in visible
        assert suggestion.post.is_youth == viewer.is_youth
        if viewer.is_youth or suggestion.post.is_youth:
            assert suggestion.distance_km is None
    assert len(suggestions_for(viewer)) == min(10, len(visible))


def test_fresher_posts_win_a_tie(citizen, neighbour, outsider):
    old = make_post(neighbour)
    with clock.set_to(clock.now() + datetime.timedelta(days=20)):
        new = make_post(outsider)
        assert [s.post for s in suggestions_for(citizen)] == [new, old]
