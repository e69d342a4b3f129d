"""What a reader may see of a post: its text, its author's name and age band, and how far
away it is, except where the distance would say too much (a minor's post, a minor reading).

The post page, search results and the API all show posts through these functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from belong.accounts.projections import PersonForReader, person_for_reader
from belong.places.services import distance_km


def shows_distance(reader, post, *, reader_is_youth: bool | None = None) -> bool:
    """No distance for a minor's post, and none for a minor reading: where a young person
    lives stays theirs. `reader_is_youth`: the reader's `is_youth`, where already known."""
    if reader_is_youth is None:
        reader_is_youth = reader.is_youth
    return not (reader_is_youth or post.is_youth)


def shows_photo(reader, post) -> bool:
    """A post's photo shows when it has one that no moderator removed, and only within the
    space it was taken in: a young person's photo is never shown to an adult, and an
    adult's is not shown to a young person."""
    if not post.photo or post.photo_removed_at is not None:
        return False
    return bool(post.photo_from_minor) == bool(reader.is_youth)


def distance_for_reader(reader, post, *, home=None) -> int | None:
    """Whole kilometres from the reader's home (`home`, or the reader's postcode), or None
    where it would say too much or cannot be known."""
    return distances_for_reader(reader, [post], home=home)[0]


def distances_for_reader(reader, posts, *, home=None) -> list[int | None]:
    """`distance_for_reader` for each of `posts` (a result page), the reader's age worked
    out once."""
    if home is None and getattr(reader, "postcode_id", None):
        home = reader.postcode
    if home is None:
        return [None] * len(posts)
    youth = reader.is_youth
    return [
        round(distance_km(home, post))
        if post.latitude is not None and shows_distance(reader, post, reader_is_youth=youth)
        else None
        for post in posts
    ]


@dataclass(frozen=True)
class OrganisationForReader:
    """The organisation a post is written as: its name, badge and whether its logo shows."""

    pk: int
    name: str
    verified_by: str | None
    shows_logo: bool


def organisation_for_reader(post) -> OrganisationForReader | None:
    organisation = post.organisation if post.organisation_id else None
    if organisation is None:
        return None
    verified_by = organisation.verified_by_municipality if organisation.verified_at else None
    return OrganisationForReader(
        pk=organisation.pk,
        name=organisation.name,
        verified_by=verified_by.name if verified_by is not None else None,
        shows_logo=organisation.shows_logo,
    )


@dataclass(frozen=True)
class PostForReader:
    pk: int
    title: str
    body: str
    motive: str
    interests: list[str]
    municipality: str | None
    published_at: datetime.datetime | None
    author: PersonForReader
    distance_km: int | None
    is_mine: bool
    organisation: OrganisationForReader | None = None
    # Whether the reader may see the post's photo (`shows_photo`), and what it shows.
    photo_shown: bool = False
    photo_alt: str = ""


def post_for_reader(post, reader, *, distance: int | None | object = ...) -> PostForReader:
    """`post` as `reader` sees it. A search that already measured the distance passes it."""
    if distance is ...:
        distance = distance_for_reader(reader, post)
    elif not shows_distance(reader, post):
        distance = None
    return PostForReader(
        pk=post.pk,
        title=post.title,
        body=post.body,
        motive=post.motive,
        interests=post.interests,
        municipality=post.municipality.display_name if post.municipality_id else None,
        published_at=post.published_at,
        author=person_for_reader(post.author, reader),
        distance_km=distance,  # type: ignore[arg-type]
        is_mine=post.author_id == reader.pk,
        organisation=organisation_for_reader(post),
        photo_shown=shows_photo(reader, post),
        photo_alt=post.photo_alt if shows_photo(reader, post) else "",
    )
