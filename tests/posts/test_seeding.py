"""The bulk seed writes posts exactly as the real service would."""

import random
from statistics import mean

from belong.accounts.models import User
from belong.demo.national import Places, create_authors, load_posts
from belong.demo.posts import write_post
from belong.posts.models import Post
from belong.posts.search import SearchQuery, search_posts
from tests.factories import make_post


def test_seeded_posts_carry_their_authors_place_and_facts(aalborg_postcode):
    rng = random.Random(3)
    authors = create_authors(rng=rng, count=40, places=Places())
    load_posts(rng=rng, authors=authors, count=300, report=lambda line: None)
    posts = list(Post.objects.select_related("author__postcode__municipality"))
    assert len(posts) == 300
    for post in posts:
        author = post.author
        reference = make_post(author, title=post.title, reach="country")
        for field in (
            "postcode_id",
            "municipality_id",
            "region_id",
            "latitude",
            "longitude",
            "author_birth_date",
            "author_gender",
            "is_youth",
        ):
            assert getattr(post, field) == getattr(reference, field), field
        reference.delete()
        if post.published_at:
            assert (post.expires_at - post.published_at).days == 90
    statuses = [post.status for post in posts]
    assert statuses.count("published") > 200 and "draft" in statuses


def test_seeded_posts_are_found_by_full_text(aalborg_postcode):
    rng = random.Random(4)
    authors = create_authors(rng=rng, count=5, places=Places())
    load_posts(rng=rng, authors=authors, count=50, report=lambda line: None)
    viewer = User.objects.filter(birth_date__isnull=False).exclude(pk__in=[]).first()
    post = Post.objects.filter(status="published", is_youth=viewer.is_youth).first()
    if post is not None:
        word = post.title.split()[0]
        query = SearchQuery(text=word, where="country")
        found = search_posts(viewer=viewer, query=query, page_size=100)
        assert found.posts


def test_post_texts_vary_and_are_mostly_danish():
    rng = random.Random(5)
    texts = [write_post(rng, age=rng.randint(13, 80), town="Aalborg") for _ in range(2000)]
    assert len({t.body for t in texts}) > 1900
    assert 0.05 < mean(t.language == "en" for t in texts) < 0.15
    assert {t.motive for t in texts} == {
        "friend",
        "activity",
        "group",
        "members",
        "volunteers",
        "language",
        "other",
    }
