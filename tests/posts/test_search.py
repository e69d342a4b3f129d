import pytest
from django.http import QueryDict

from belong.posts.models import Post
from belong.posts.search import SearchQuery, search_posts, search_terms
from belong.posts.services import pause_post
from belong.posts.visibility import visible_posts
from tests.factories import UserFactory, make_post, years_ago


def query(**params) -> SearchQuery:
    q = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            q.setlist(key, [str(v) for v in value])
        else:
            q[key] = str(value)
    return SearchQuery.from_params(q)


@pytest.fixture
def people(nordjylland):
    return {
        "anne": UserFactory(display_name="Anne", postcode=nordjylland["9000"]),
        "bo": UserFactory(display_name="Bo", postcode=nordjylland["9400"], gender="man"),
        "hanne": UserFactory(display_name="Hanne", postcode=nordjylland["9800"]),
        "sofie": UserFactory(
            display_name="Sofie", postcode=nordjylland["9000"], birth_date=years_ago(15)
        ),
        "emil": UserFactory(
            display_name="Emil", postcode=nordjylland["9800"], birth_date=years_ago(16)
        ),
    }


def titles(results):
    return {post.title for post in results.posts}


def test_a_near_post_is_shown_only_within_its_radius(people):
    make_post(people["anne"], title="Gåtur ved fjorden", reach="near", reach_km=10)
    assert titles(search_posts(viewer=people["bo"], query=query(where="country"))) == {
        "Gåtur ved fjorden"
    }
    assert not search_posts(viewer=people["hanne"], query=query(where="country")).posts


def test_municipality_and_region_posts_reach_only_their_citizens(people, nordjylland):
    make_post(people["anne"], title="Kun Aalborg", reach="municipality")
    make_post(people["anne"], title="Hele regionen", reach="region")
    assert titles(search_posts(viewer=people["bo"], query=query(where="country"))) == {
        "Kun Aalborg",
        "Hele regionen",
    }
    assert titles(search_posts(viewer=people["hanne"], query=query(where="country"))) == {
        "Hele regionen"
    }


def test_national_posts_reach_everyone(people):
    make_post(people["hanne"], title="Hele landet", reach="country")
    assert titles(search_posts(viewer=people["anne"], query=query(where="country"))) == {
        "Hele landet"
    }


def test_the_youth_space_is_separate(people):
    make_post(people["sofie"], title="Ung søger ung", reach="country")
    make_post(people["anne"], title="Voksen søger voksen", reach="country")
    assert titles(search_posts(viewer=people["emil"], query=query(where="country"))) == {
        "Ung søger ung"
    }
    assert titles(search_posts(viewer=people["bo"], query=query(where="country"))) == {
        "Voksen søger voksen"
    }


def test_the_search_radius_narrows_by_distance(people):
    make_post(people["bo"], title="Nørresundby", reach="country")
    make_post(people["hanne"], title="Hjørring", reach="country")
    assert titles(search_posts(viewer=people["anne"], query=query(radius=10))) == {"Nørresundby"}
    assert titles(search_posts(viewer=people["anne"], query=query(radius=50))) == {
        "Nørresundby",
        "Hjørring",
    }
    near_hjorring = search_posts(viewer=people["anne"], query=query(radius=10, postcode="9800"))
    assert titles(near_hjorring) == {"Hjørring"}


def test_results_show_the_distance_from_home(people):
    make_post(people["hanne"], title="Hjørring", reach="country")
    [post] = search_posts(viewer=people["anne"], query=query(where="country")).posts
    assert post.distance_km == 46


def test_minors_see_no_exact_distance(people):
    make_post(people["emil"], title="Ung", reach="country")
    [post] = search_posts(viewer=people["sofie"], query=query(where="country")).posts
    assert post.distance_km is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("gåtur", {"Gåture ved fjorden"}),
        ("GÅTURE", {"Gåture ved fjorden"}),
        ("board games", {"Board games on Fridays"}),
        ("game", {"Board games on Fridays"}),
        # Every word must match; when together they find nothing, the topic alone is
        # searched for, and the page says so (tests/posts/test_spelling.py).
        ("brætspil fjorden", {"Board games on Fridays"}),
        ("og det", {"Gåture ved fjorden", "Board games on Fridays"}),
        ("?!.", {"Gåture ved fjorden", "Board games on Fridays"}),
    ],
)
def test_free_text_in_danish_and_english(people, text, found):
    make_post(people["bo"], title="Gåture ved fjorden", body="Lange gåture hver søndag.")
    make_post(
        people["bo"],
        title="Board games on Fridays",
        body="Looking for players.",
        motive="activity",
        interests=["games"],
    )
    assert (
        titles(search_posts(viewer=people["anne"], query=query(q=text, where="country"))) == found
    )
    as_typed = search_posts(viewer=people["anne"], query=query(q=text, where="country", exact="1"))
    assert titles(as_typed) == (set() if text == "brætspil fjorden" else found)


def test_a_query_of_only_stop_words_is_no_error():
    assert search_terms("og det er i") == []
    assert search_terms("Hej, jeg er NY i byen!") == ["hej", "ny", "byen"]


def test_filters_motive_interest_gender_and_age(people):
    make_post(people["bo"], title="Bo", motive="activity", interests=["games", "music"])
    make_post(people["anne"], title="Anne", motive="friend", interests=["walks-nature"])
    viewer = people["hanne"]
    everywhere = {"where": "country"}
    assert titles(search_posts(viewer=viewer, query=query(motive="activity", **everywhere))) == {
        "Bo"
    }
    assert titles(search_posts(viewer=viewer, query=query(interest=["music"], **everywhere))) == {
        "Bo"
    }
    assert titles(
        search_posts(viewer=viewer, query=query(interest=["music", "walks-nature"], **everywhere))
    ) == {"Bo", "Anne"}
    assert titles(search_posts(viewer=viewer, query=query(gender="man", **everywhere))) == {"Bo"}
    assert titles(
        search_posts(viewer=viewer, query=query(age_min=30, age_max=39, **everywhere))
    ) == {
        "Bo",
        "Anne",
    }
    assert not search_posts(viewer=viewer, query=query(age_min=40, **everywhere)).posts


def test_paused_drafts_and_expired_posts_are_not_found(people):
    post = make_post(people["bo"], title="Pauset")
    pause_post(author=people["bo"], post=post)
    make_post(people["bo"], title="Kladde", publish=False)
    expired = make_post(people["bo"], title="Udløbet")
    Post.objects.filter(pk=expired.pk).update(expires_at="2000-01-01T00:00:00Z")
    assert not search_posts(viewer=people["anne"], query=query(where="country")).posts


def test_sorting_and_pages(people):
    for n in range(25):
        make_post(people["hanne"] if n % 2 else people["bo"], title=f"Opslag {n}")
    newest = search_posts(viewer=people["anne"], query=query(where="country"))
    assert newest.posts[0].title == "Opslag 24"
    assert newest.has_next and len(newest.posts) == 20
    second = search_posts(viewer=people["anne"], query=query(where="country", side=2))
    assert len(second.posts) == 5 and not second.has_next
    nearest = search_posts(viewer=people["anne"], query=query(where="country", sort="nearest"))
    assert nearest.posts[0].author == people["bo"]
    best = search_posts(
        viewer=people["anne"], query=query(where="country", sort="best", q="opslag")
    )
    assert len(best.posts) == 20


def test_odd_parameters_fall_back_quietly():
    q = query(radius="x", sort="drop table", where="mars", side="-3", age_min="5")
    assert (q.radius_km, q.sort, q.where, q.page, q.age_min) == (25, "newest", "near", 1, None)


def test_visible_posts_is_one_query(people, django_assert_num_queries):
    make_post(people["bo"], reach="near", reach_km=5)
    viewer = (
        type(people["anne"])
        .objects.select_related("postcode__municipality")
        .get(pk=people["anne"].pk)
    )
    list(visible_posts(viewer))  # the first call also reads the postcodes, once per process
    with django_assert_num_queries(1):
        list(visible_posts(viewer))


def test_nobody_finds_the_posts_of_someone_on_either_side_of_a_block(people):
    from belong.safety.services import block_user

    make_post(people["anne"], title="Annes gåtur")
    make_post(people["bo"], title="Bos gåtur")
    make_post(people["hanne"], title="Hannes gåtur")
    block_user(blocker=people["anne"], blocked=people["bo"])
    block_user(blocker=people["hanne"], blocked=people["anne"])
    assert titles(search_posts(viewer=people["anne"], query=query(where="country"))) == {
        "Annes gåtur"
    }
    assert titles(search_posts(viewer=people["bo"], query=query(where="country"))) == {
        "Bos gåtur",
        "Hannes gåtur",
    }


def test_best_match_prefers_authors_who_answer(people, nordjylland):
    from belong.messaging.models import Responsiveness

    silent, answering = UserFactory.create_batch(2, postcode=nordjylland["9400"])
    make_post(answering, title="Kor søger stemmer")
    make_post(silent, title="Kor søger stemmer")  # the newer
    Responsiveness.objects.create(user=silent, first_contacts=5, answered=0, score=0)
    Responsiveness.objects.create(
        user=answering, first_contacts=5, answered=5, answered_within_day=5, score=100
    )
    best = search_posts(viewer=people["anne"], query=query(where="country", sort="best", q="kor"))
    assert [post.author for post in best.posts] == [answering, silent]


def test_best_match_ranks_every_candidate_by_relevance_not_only_the_newest(people, nordjylland):
    import datetime

    from django.utils import timezone

    from belong.posts import ranking
    from belong.posts.models import Post

    author = UserFactory(postcode=nordjylland["9400"])
    # Relevance: the word says most in a short post (BM25 and ts_rank weigh by length).
    best_post = make_post(author, title="Skak", body="Skak.")
    # Older than the page of newer posts that only mention the word once.
    Post.objects.filter(pk=best_post.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=2)
    )
    for n in range(5):
        make_post(
            author,
            title=f"Opslag {n}",
            body="Jeg går gerne ture, bager brød, ser film og spiller også lidt skak om aftenen.",
        )
    for n in range(10):  # the word is rare, as a searched word is: it weighs
        make_post(author, title=f"Andet {n}", body="Jeg går gerne ture og bager brød.")
    ranking.BEST_MATCH_CANDIDATES, old = 3, ranking.BEST_MATCH_CANDIDATES
    try:
        best = search_posts(
            viewer=people["anne"], query=query(where="country", sort="best", q="skak")
        )
    finally:
        ranking.BEST_MATCH_CANDIDATES = old
    assert best.posts[0] == best_post
