"""The search index narrows and never judges: it must find every post the exact rules
allow, and follow every change to a post."""

import datetime
import random
import time
from dataclasses import replace

import pytest
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from belong.places.nearby import postcodes_within
from belong.posts import analysis, search_index
from belong.posts.candidates import indexed
from belong.posts.models import INTEREST_BITS, REACH_KM_CHOICES, Motive, Post, Reach
from belong.posts.plan import index_facets
from belong.posts.search import (
    GENDER_CHOICES,
    RADIUS_CHOICES,
    WHERE_CHOICES,
    SearchQuery,
    matching_posts,
    search_centre,
    search_posts,
)
from belong.posts.services import pause_post, renew_post, resume_post, save_post
from tests.factories import UserFactory, make_post, post_fields, years_ago


def found_by_words(*words: str) -> set[int]:
    """What the index alone finds for these words, whatever the post's state."""
    exprs = [word.expr for word in analysis.query_words(" ".join(words))]
    return set(indexed(Post.objects.all(), None, exprs, newest=True).values_list("id", flat=True))


def check_sqlite_index() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO posts_search(posts_search) VALUES('integrity-check')")


def test_the_index_follows_every_change_to_a_post(citizen):
    post = make_post(citizen, title="Kajak på fjorden", body="Vi padler om lørdagen.")
    assert found_by_words("kajak") == {post.pk}

    save_post(
        author=citizen,
        post=post,
        publish=True,
        fields=post_fields(title="Svampetur i skoven", body="Vi plukker svampe."),
    )
    assert found_by_words("svampetur") == {post.pk}
    assert found_by_words("kajak") == set()
    assert [p.pk for p in search_posts(viewer=citizen, query=SearchQuery(text="svampe")).posts] == [
        post.pk
    ]

    pause_post(author=citizen, post=post)
    assert not search_posts(viewer=citizen, query=SearchQuery(text="svampe")).posts
    resume_post(author=citizen, post=post)
    renew_post(author=citizen, post=post)
    assert search_posts(viewer=citizen, query=SearchQuery(text="svampe")).posts
    Post.objects.filter(pk=post.pk).update(status="expired")
    assert not search_posts(viewer=citizen, query=SearchQuery(text="svampe")).posts
    check_sqlite_index()
    Post.objects.filter(pk=post.pk).delete()
    assert found_by_words("svampetur") == set()
    check_sqlite_index()


def test_the_newest_come_first_and_a_renewal_keeps_its_place(citizen):
    now = timezone.now()
    old = make_post(citizen, title="Gammel gåtur")
    new = make_post(citizen, title="Ny gåtur")
    Post.objects.filter(pk=old.pk).update(published_at=now - datetime.timedelta(days=3))
    Post.objects.filter(pk=new.pk).update(published_at=now - datetime.timedelta(days=1))
    found = search_posts(viewer=citizen, query=SearchQuery(text="gåtur"))
    assert [p.pk for p in found.posts] == [new.pk, old.pk]
    renew_post(author=citizen, post=Post.objects.get(pk=old.pk))
    found = search_posts(viewer=citizen, query=SearchQuery(text="gåtur"))
    assert [p.pk for p in found.posts] == [new.pk, old.pk]


def test_a_place_is_postcodes_when_few_and_cells_when_many(nordjylland):
    few = [nordjylland["9000"].pk, nordjylland["9400"].pk]
    assert search_index.place(few) == ("or", tuple(f"p_{pk}" for pk in sorted(few)))
    # Past the limit, the cells that hold them (ids of no postcode hold nothing).
    aalborg = nordjylland["9000"]
    many = [aalborg.pk, *range(10**6, 10**6 + search_index.MAX_PLACE_TOKENS)]
    assert search_index.place(many) == search_index.cell("c", aalborg.latitude, aalborg.longitude)
    assert search_index.place([]) == "p_0"


def test_only_the_place_is_asked_for_as_alternatives(citizen):
    centre = citizen.postcode
    radius = sorted(postcodes_within(centre.latitude, centre.longitude, 10))
    place = search_index.place(radius)

    def facets(**choices):
        query = SearchQuery(text="kaffe", where="near", radius_km=10, **choices)
        return index_facets(viewer=citizen, query=query, centre=centre, radius_ids=radius)

    one = facets(motives=["friend"], interests=["crafts"], gender="woman")
    crafts = f"i_{INTEREST_BITS['crafts'].bit_length() - 1}"
    assert one == ("and", (place, "m_friend", crafts, "g_woman"))
    # Two motives, two interests or an age range: the exact test settles them.
    assert facets(motives=["friend", "group"], interests=["crafts", "food"]) == place
    assert facets(age_min=30, age_max=39) == place


def test_only_known_tokens_reach_the_index():
    with pytest.raises(ValueError):
        search_index.to_fts5(("or", ("p_1", 'x" OR "y')))
    assert search_index.to_fts5(("and", ("y_1", ("or", ("m_a", "m_b"))))) == (
        '("y_1" AND ("m_a" OR "m_b"))'
    )


# --- The index finds exactly what the rules allow ------------------------------------------


CROWD_AGES = [15, 17, 19, 24, 33, 41, 58, 66, 79]
CROWD_BODIES = [
    "Jeg drikker gerne en kop kaffe og snakker om løst og fast.",
    "Jeg går gerne en lang tur og snakker om løst og fast.",
]


@pytest.fixture
def crowd(nordjylland):
    """Forty posts of many kinds by adults and minors in three towns of Nordjylland."""
    rng = random.Random(7)
    towns = list(nordjylland.values())
    people = [
        UserFactory(
            postcode=rng.choice(towns),
            gender=rng.choice(["woman", "man", "other", "unspecified"]),
            # Birthdays soon and long ago: the birth year is not always this year's.
            birth_date=years_ago(rng.choice(CROWD_AGES), days=rng.choice([0, 200, 360])),
        )
        for _ in range(12)
    ]
    now = timezone.now()
    for n in range(40):
        reach = rng.choice(list(Reach.values))
        post = make_post(
            rng.choice(people),
            title=f"Opslag {n}",
            # Every other post has the word: searches with words take the index's other road
            # on PostgreSQL (words and facets in GIN).
            body=CROWD_BODIES[n % 2],
            motive=rng.choice(list(Motive.values)),
            interests=rng.sample(list(INTEREST_BITS), k=rng.randint(0, 3)),
            reach=reach,
            reach_km=rng.choice([km for km, _label in REACH_KM_CHOICES]),
        )
        Post.objects.filter(pk=post.pk).update(published_at=now - datetime.timedelta(hours=n))
    return people


@st.composite
def ages(draw) -> tuple[int | None, int | None]:
    """Ages at the crowd's own ages, where a birth year is easily missed, and any others."""
    crowd_age = st.sampled_from(CROWD_AGES)
    low = draw(st.one_of(st.none(), crowd_age, st.integers(13, 80)))
    high = draw(st.one_of(st.none(), crowd_age, st.integers(13, 90)))
    return low, high


queries = st.builds(
    lambda age_range, **fields: SearchQuery(age_min=age_range[0], age_max=age_range[1], **fields),
    age_range=ages(),
    motives=st.lists(st.sampled_from(list(Motive.values)), max_size=2, unique=True),
    interests=st.lists(st.sampled_from(list(INTEREST_BITS)), max_size=2, unique=True),
    gender=st.sampled_from(["", *GENDER_CHOICES]),
    where=st.sampled_from(WHERE_CHOICES),
    radius_km=st.sampled_from(RADIUS_CHOICES),
    postcode=st.sampled_from(["", "9000", "9400", "9800"]),
    sort=st.sampled_from(["newest", "nearest", "best"]),
    text=st.sampled_from(["", "kaffe", "snakker kaffe"]),
)


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, who=st.integers(0, 11))
# The crowd's 58-year-old was born in the year before the one 58 years ago.
@example(query=SearchQuery(where="country", age_min=50, age_max=58), who=1)
def test_the_index_finds_every_post_the_rules_allow(crowd, query, who):
    viewer = crowd[who]
    centre = search_centre(viewer, query)
    radius_ids = []
    if query.where == "near" and centre is not None:
        radius_ids = sorted(postcodes_within(centre.latitude, centre.longitude, query.radius_km))
    allowed = matching_posts(viewer=viewer, query=query, centre=centre, radius_ids=radius_ids)
    if query.text:
        # The word, or the concept it stands for: the interest "Coffee and a good talk".
        coffee = INTEREST_BITS["coffee-talk"]
        allowed = allowed.alias(coffee=F("interest_mask").bitand(coffee)).filter(
            Q(body__contains="kaffe") | Q(coffee__gt=0)
        )
    # Exactly the words given, as typed (the index's answer)...
    expected = list(allowed.order_by("-published_at", "-id").values_list("id", flat=True))
    exact = replace(query, exact=True)
    found = [post.pk for post in search_posts(viewer=viewer, query=exact, page_size=100).posts]
    if query.sort == "newest":
        assert found == expected
    else:
        assert sorted(found) == sorted(expected)
    # ...and where they find little, what the search finds instead (close spellings, any
    # of the words) keeps to the same rules.
    rules = matching_posts(viewer=viewer, query=query, centre=centre, radius_ids=radius_ids)
    wider = {post.pk for post in search_posts(viewer=viewer, query=query, page_size=100).posts}
    assert wider <= set(rules.values_list("id", flat=True))


def test_common_concepts_walk_the_newest_posts_and_find_the_same(crowd, nordjylland):
    """PostgreSQL walks a place's newest posts for a concept in many posts (testing its bit
    in the covering index) instead of GIN; the plan changes, the results do not."""
    from belong.posts import plan
    from belong.posts import search as search_module
    from belong.posts.indexing import reindex_posts

    reindex_posts()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE posts_post")
    plan._TOTAL.clear()
    plan._token_posts.cache_clear()
    viewer = crowd[3]
    for where in ("near", "country"):
        query = SearchQuery(text="kaffe", where=where, radius_km=50)
        if connection.vendor == "postgresql":
            assert not search_module.uses_index(query)
        centre = search_centre(viewer, query)
        radius_ids = sorted(postcodes_within(centre.latitude, centre.longitude, 50))
        allowed = matching_posts(viewer=viewer, query=query, centre=centre, radius_ids=radius_ids)
        coffee = INTEREST_BITS["coffee-talk"]
        allowed = allowed.alias(coffee=F("interest_mask").bitand(coffee)).filter(
            Q(body__contains="kaffe") | Q(coffee__gt=0)
        )
        expected = list(allowed.order_by("-published_at", "-id").values_list("id", flat=True))
        found = search_posts(viewer=viewer, query=query, page_size=100).posts
        assert [post.pk for post in found] == expected
    plan._TOTAL.clear()
    plan._token_posts.cache_clear()


def test_day_stages_hold_twice_the_page_near_a_town(db):
    """The newest days first, as many as should hold twice the page where 3% of all posts
    are near (by the vocabulary's counts and the filters' rough share); one query where the
    words are rare or the days would be too many. Then as many more days as should hold
    twice what is missing at the rate the first days found, or all before."""
    from belong.posts import plan
    from belong.posts.models import SearchWord

    SearchWord.objects.create(word="kaffe", written="kaffe", posts=100_000)
    SearchWord.objects.create(word="skak", written="skak", posts=1_000)
    plan._token_posts.cache_clear()
    plan._TOTAL.update(at=time.monotonic(), posts=1_000_000.0)
    try:
        # 100,000 posts in 90 days, 3% of them near: 33 a day, 2 days for twice 21.
        assert plan.first_stage(["kaffe"], today=2500) == (2499, 2500)
        # One in ten passes the filters: 3.3 a day, 13 days.
        assert plan.first_stage(["kaffe"], today=2500, filters=0.1) == (2488, 2500)
        assert plan.first_stage(["kaffe"], today=2500, filters=0.01) is None
        assert plan.first_stage(["skak"], today=2500) is None
        assert plan.first_stage(["kaffe", "skak"], today=2500) is None
        # 13 days found 7 of 21: 14 missing, twice that at 7 in 13 days is 52 days more,
        # past half a post's lifetime: all before. 14 found: 7 missing, 13 days more.
        assert plan.next_stage(2488, today=2500, found=7, needed=21) == (None, 2487)
        assert plan.next_stage(2488, today=2500, found=14, needed=21) == (2475, 2487)
        assert plan.next_stage(2488, today=2500, found=0, needed=21) == (None, 2487)
    finally:
        plan._TOTAL.clear()
        plan._token_posts.cache_clear()


@pytest.mark.parametrize("word", ["harmonika", "kaffe"])
def test_the_newest_days_first_give_the_same_pages(citizen, monkeypatch, word):
    """On PostgreSQL a search with words in many posts asks for the newest days first (GIN,
    or for a concept in very many posts a walk) and stops where the page is full; the pages
    are those of one query for all, across the stages' edges (midnight UTC, the same
    second, a post older than every stage)."""
    from belong.posts import plan
    from belong.posts import search as search_module
    from belong.posts.indexing import reindex_posts

    writer = UserFactory(postcode=citizen.postcode)
    # Whole seconds: SQLite's index orders by the second, then the newer post.
    now = timezone.now().replace(microsecond=0)
    today = search_index.publication_day(now)
    moments = [now, now - datetime.timedelta(hours=1)]
    for day in range(today - 1, today - 60, -3):
        edge = search_index.day_start(day)
        moments += [edge, edge, edge - datetime.timedelta(seconds=1)]
    moments.append(now - datetime.timedelta(days=85))
    posts = []
    for n, moment in enumerate(moments):
        post = make_post(writer, title=f"{word.title()} {n}", body=f"Vi mødes om {word}.")
        Post.objects.filter(pk=post.pk).update(published_at=min(moment, now))
        posts.append(post.pk)
    expected = list(
        Post.objects.filter(pk__in=posts)
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)
    )
    reindex_posts()  # the vocabulary's counts, which the plan reads
    plan._token_posts.cache_clear()
    plan._TOTAL.update(at=time.monotonic(), posts=float(len(posts)))
    monkeypatch.setattr(plan, "STAGED_FROM", 0)
    # "kaffe" is a concept: in every post here, it is walked for (see `uses_index`).
    monkeypatch.setattr(plan, "COMMON_SHARE", 0.5 if word == "harmonika" else 0.0)
    words = [found.expr for found in analysis.query_words(word)]
    try:
        # As if the place held this many times its posts: first stages of 1 day to weeks.
        for near in (1000.0, 50.0, 5.0):
            monkeypatch.setattr(plan, "NEAR_SHARE", near)
            if connection.vendor == "postgresql":
                assert plan.first_stage(words, today=today, needed=2)
                walks = not search_module.uses_index(SearchQuery(text=word))
                assert walks == (word == "kaffe")
            for page_size in (1, 5, 7):
                found: list[int] = []
                for page in range(1, len(expected) // page_size + 2):
                    query = SearchQuery(text=word, where="country", page=page)
                    results = search_posts(viewer=citizen, query=query, page_size=page_size)
                    found += [post.pk for post in results.posts]
                assert found == expected, (near, page_size)
    finally:
        plan._TOTAL.clear()
        plan._token_posts.cache_clear()


def test_two_common_concepts_together_are_few_and_go_to_gin(db):
    """The plan takes a query's words as independent: "bage" and "strikke" are each in one
    post of 25, and a walk suits either alone; together they are in one of 625, which GIN
    finds at once where a walk would look long."""
    from belong.posts import plan
    from belong.posts.models import SearchWord

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL plans between GIN and a walk")

    def tokens(expr):
        return [expr] if isinstance(expr, str) else [t for item in expr[1] for t in tokens(item)]

    words = [word.expr for word in analysis.query_words("bage strikke")]
    for token in {token for word in words for token in tokens(word)}:
        SearchWord.objects.update_or_create(word=token, defaults={"written": token, "posts": 0})
    for word in words:
        first = tokens(word)[0]
        SearchWord.objects.filter(word=first).update(posts=40_000)
    plan._token_posts.cache_clear()
    plan._TOTAL.update(at=time.monotonic(), posts=1_000_000.0)
    try:
        assert all(plan.common_words([word]) for word in words)
        assert not plan.common_words(words)
    finally:
        plan._TOTAL.clear()
        plan._token_posts.cache_clear()
