"""Posts and search: write, pause, renew and delete one's own; read and find others'."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.http import QueryDict
from django.urls import reverse
from ninja import Query, Router, Status
from pydantic import Field, StrictBool

from belong.api.common import (
    DEFAULT_PAGE_SIZE,
    ERRORS,
    KEYSET_CURSOR_PARAM,
    LIMIT,
    MAX_PAGE_SIZE,
    Closed,
    clean_with,
    decode_cursor,
    encode_cursor,
    keyset_page,
    schema_from_form,
)
from belong.api.fields import (
    SEARCH_CURSOR,
    Interest,
    MotiveChoice,
    Radius,
    SearchAge,
    SearchGender,
    SearchPostcode,
    SearchText,
    Sort,
    Where,
)
from belong.posts.forms import PostForm, SearchForm
from belong.posts.models import Post
from belong.posts.projections import post_for_reader
from belong.posts.search import SearchQuery, search_for_person
from belong.posts.services import (
    delete_post,
    get_own_post,
    get_visible_post,
    pause_post,
    renew_post,
    resume_post,
    save_post,
)

router = Router(tags=["posts"])


class Author(Closed):
    display_name: str
    age_band: str


class WrittenAs(Closed):
    """The organisation a post is written as: contacting the post reaches its editors."""

    id: int
    name: str
    verified_by: str | None
    logo_url: str | None


class PostOut(Closed):
    """A post as its reader sees it; `status` and the dates matter to its author."""

    id: int
    title: str
    body: str
    motive: str
    interests: list[str]
    municipality: str | None
    published_at: datetime.datetime | None
    author: Author
    organisation: WrittenAs | None
    photo_url: str | None
    photo_alt: str
    distance_km: int | None
    is_mine: bool


class MyPostOut(Closed):
    id: int
    organisation: int | None
    title: str
    body: str
    motive: str
    interests: list[str]
    wish_age_min: int | None
    wish_age_max: int | None
    wish_gender: str
    reach: str
    reach_km: int | None
    status: str
    municipality: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None
    expires_at: datetime.datetime | None


class MyPostPage(Closed):
    items: list[MyPostOut]
    next_cursor: str | None


class PostPage(Closed):
    items: list[PostOut]
    next_cursor: str | None


# What a post is written from: the post form's fields (`POST_FIELDS`), with the form's
# limits stated, and whether to publish it. The form validates them.
if TYPE_CHECKING:

    class PostIn(Closed):
        """For the type checker: what the operations read of the schema built below."""

        publish: bool

else:
    PostIn = schema_from_form(
        PostForm,
        name="PostIn",
        doc="A post as the post form takes it. `wish_age_max` must not be below "
        "`wish_age_min`, and `organisation` (to write as an organisation) must be one where "
        "you are an owner or editor (422 otherwise).",
        extra={"publish": (StrictBool, True)},
    )


def my_post_out(post: Post) -> dict:
    return {
        "id": post.pk,
        "organisation": post.organisation_id,
        "title": post.title,
        "body": post.body,
        "motive": post.motive,
        "interests": post.interests,
        "wish_age_min": post.wish_age_min,
        "wish_age_max": post.wish_age_max,
        "wish_gender": post.wish_gender,
        "reach": post.reach,
        "reach_km": post.reach_km,
        "status": post.status,
        "municipality": post.municipality.display_name if post.municipality else None,
        "created_at": post.created_at,
        "updated_at": post.updated_at,
        "published_at": post.published_at,
        "expires_at": post.expires_at,
    }


def post_out(post: Post, viewer, **distance) -> dict:
    seen = post_for_reader(post, viewer, **distance)
    return {
        "id": seen.pk,
        "title": seen.title,
        "body": seen.body,
        "motive": seen.motive,
        "interests": seen.interests,
        "municipality": seen.municipality,
        "published_at": seen.published_at,
        "author": {"display_name": seen.author.display_name, "age_band": seen.author.age_band},
        "organisation": _written_as(seen.organisation),
        "photo_url": reverse("post_photo", args=[seen.pk]) if seen.photo_shown else None,
        "photo_alt": seen.photo_alt,
        "distance_km": seen.distance_km,
        "is_mine": seen.is_mine,
    }


def _written_as(organisation) -> dict | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "verified_by": organisation.verified_by,
        "logo_url": reverse("organisation_logo", args=[organisation.pk])
        if organisation.shows_logo
        else None,
    }


def _form_data(data: PostIn) -> dict:
    fields = data.model_dump(mode="json", exclude={"publish"})
    # The form reads what a browser would send: empty strings for empty fields.
    return {key: ("" if value is None else value) for key, value in fields.items()}


@router.get(
    "/posts/mine",
    response={200: MyPostPage, **ERRORS},
    summary="My posts",
)
def my_posts(
    request,
    cursor: str | None = KEYSET_CURSOR_PARAM,
    limit: int = LIMIT,
):
    posts = Post.objects.filter(author=request.auth).select_related("municipality")
    rows, next_cursor = keyset_page(posts, cursor=cursor, limit=limit, time_field="created_at")
    return {"items": [my_post_out(post) for post in rows], "next_cursor": next_cursor}


@router.post(
    "/posts",
    response={201: MyPostOut, **ERRORS},
    summary="Write a post",
)
def create_post(request, data: PostIn):
    cleaned = clean_with(PostForm, _form_data(data), author=request.auth)
    post = save_post(author=request.auth, fields=cleaned, publish=data.publish)
    return Status(201, my_post_out(post))


@router.get(
    "/posts/{post_id}",
    response={200: PostOut, **ERRORS},
    summary="Read a post",
)
def read_post(request, post_id: int):
    return post_out(get_visible_post(request.auth, post_id), request.auth)


@router.put(
    "/posts/{post_id}",
    response={200: MyPostOut, **ERRORS},
    summary="Change my post",
)
def change_post(request, post_id: int, data: PostIn):
    post = get_own_post(request.auth, post_id)
    cleaned = clean_with(PostForm, _form_data(data), author=request.auth)
    post = save_post(author=request.auth, fields=cleaned, publish=data.publish, post=post)
    return my_post_out(post)


@router.post(
    "/posts/{post_id}/pause",
    response={200: MyPostOut, **ERRORS},
    summary="Pause my post",
)
def pause(request, post_id: int):
    post = pause_post(author=request.auth, post=get_own_post(request.auth, post_id))
    return my_post_out(post)


@router.post(
    "/posts/{post_id}/resume",
    response={200: MyPostOut, **ERRORS},
    summary="Show my paused post again",
)
def resume(request, post_id: int):
    post = resume_post(author=request.auth, post=get_own_post(request.auth, post_id))
    return my_post_out(post)


@router.post(
    "/posts/{post_id}/renew",
    response={200: MyPostOut, **ERRORS},
    summary="Renew my post",
)
def renew(request, post_id: int):
    post = renew_post(author=request.auth, post=get_own_post(request.auth, post_id))
    return my_post_out(post)


@router.delete(
    "/posts/{post_id}",
    response={204: None, **ERRORS},
    summary="Delete my post",
)
def delete(request, post_id: int):
    delete_post(author=request.auth, post=get_own_post(request.auth, post_id))
    return Status(204, None)


# --- Search -----------------------------------------------------------------------------------


class SearchParams(Closed):
    """The search page's fields, read by the same form and the same parser."""

    q: SearchText | None = None
    where: Where | None = None
    radius: Radius | None = Field(None, description="Kilometres, when `where` is near.")
    postcode: SearchPostcode | None = None
    motive: list[MotiveChoice] = []
    interest: list[Interest] = []
    gender: SearchGender | None = None
    age_min: SearchAge | None = None
    age_max: SearchAge | None = None
    sort: Sort | None = None
    cursor: str | None = Field(
        None,
        pattern=SEARCH_CURSOR,
        description=(
            "The `next_cursor` of the page before: `PAGE-SIZE`, the next page and the page "
            "size it was counted in. Empty: the first page."
        ),
    )
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@router.get(
    "/search",
    response={200: PostPage, **ERRORS},
    summary="Find posts",
)
def search(request, params: Query[SearchParams]):
    given = QueryDict(mutable=True)
    for key, value in params.model_dump(mode="json", exclude={"cursor", "limit"}).items():
        if isinstance(value, list):
            given.setlist(key, [str(item) for item in value])
        elif value is not None:
            given[key] = str(value)
    clean_with(SearchForm, given)
    # The API searches the words as given: close spellings are the search page's offer,
    # which says what it searched for instead; here a cursor's pages keep to one query.
    given["exact"] = "1"
    # A cursor holds the next page and the page size it was counted in, so a later
    # `limit` cannot make pages overlap.
    page_size = params.limit
    after = decode_cursor(params.cursor, SEARCH_CURSOR, 2)
    if after is not None:
        given["side"] = str(after[0])
        page_size = min(after[1], MAX_PAGE_SIZE)
    query = SearchQuery.from_params(given)
    results = search_for_person(viewer=request.auth, query=query, page_size=page_size)
    items = [post_out(post, request.auth, distance=post.distance_km) for post in results.posts]
    next_cursor = encode_cursor(results.page + 1, page_size) if results.has_next else None
    return {"items": items, "next_cursor": next_cursor}
