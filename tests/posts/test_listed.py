"""The listing statement written once (belong.posts.listed) loads the same posts, with the
same values and types, as Django's own query for them, and reading a card asks for nothing
more."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from belong.posts.listed import AUTHOR_FIELDS, LISTING_FIELDS, load_listed
from belong.posts.models import Post
from tests.factories import UserFactory, make_post


def _by_django(ids):
    return (
        Post.objects.select_related("author", "municipality")
        .only(
            *LISTING_FIELDS,
            *(f"author__{name}" for name in AUTHOR_FIELDS),
            "municipality__name",
        )
        .in_bulk(ids)
    )


def test_the_listing_loads_what_django_loads(citizen, aalborg_postcode):
    other = UserFactory(postcode=aalborg_postcode, age_verified_at=timezone.now())
    posts = [
        make_post(
            citizen, title="Gåtur ved fjorden", body="Hver søndag.", interests=["walks-nature"]
        ),
        make_post(other, title="Strikkeklub", body="Vi strikker.", motive="group"),
        make_post(other, title="Kaffe", body="En kop kaffe og en god snak."),
    ]
    Post.objects.filter(pk=posts[2].pk).update(
        municipality=None, photo="photos/x.jpg", photo_alt="En kop", photo_removed_at=timezone.now()
    )
    ids = [post.pk for post in posts] + [999_999]  # an id no post has is left out
    listed, expected = load_listed(ids), _by_django(ids)
    assert listed.keys() == expected.keys() == {post.pk for post in posts}
    for pk, want in expected.items():
        got = listed[pk]
        for name in LISTING_FIELDS:
            attname = Post._meta.get_field(name).attname
            assert getattr(got, attname) == getattr(want, attname), name
            assert type(getattr(got, attname)) is type(getattr(want, attname)), name
        for name in AUTHOR_FIELDS:
            assert getattr(got.author, name) == getattr(want.author, name), name
        assert got.author.pk == want.author.pk
        assert got.get_deferred_fields() == want.get_deferred_fields()
        assert (got._state.adding, got._state.db) == (False, want._state.db)
        assert (got.author._state.adding, got.author._state.db) == (False, want._state.db)
    assert isinstance(listed[posts[0].pk].published_at, datetime.datetime)
    assert timezone.is_aware(listed[posts[0].pk].published_at)
    assert isinstance(listed[posts[1].pk].author.birth_date, datetime.date)
    assert listed[posts[2].pk].photo_removed_at is not None

    # What a card shows is loaded: reading it asks the database for nothing more.
    with CaptureQueriesContext(connection) as queries:
        for post in listed.values():
            shown = [post.title, post.body, post.author.display_name, post.author.birth_date]
            shown += [post.municipality.name if post.municipality_id else None, post.photo]
            assert all(value is not None for value in shown[:3])
    assert len(queries) == 0
    assert listed[posts[0].pk].municipality.name == expected[posts[0].pk].municipality.name
    assert listed[posts[2].pk].municipality is None


def test_no_ids_ask_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        assert load_listed([]) == {}
    assert len(queries) == 0
