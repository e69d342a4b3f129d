"""Post operations: write, publish, pause, renew, expire, delete, and keep drafts."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.core.images import delete_image
from belong.organisations.models import EDITING_ROLES
from belong.organisations.services import role_of
from belong.posts.forms import POST_FIELDS
from belong.posts.indexing import record_words, set_search_words
from belong.posts.models import Draft, Post, Reach, SavedSearch, Status, interests_to_mask
from belong.posts.visibility import visible_posts
from belong.safety.wordlist import flag_words


def post_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.BELONG_POST_LIFETIME_DAYS)


def get_own_post(user: User, pk: int) -> Post:
    """The user's own post, or 404: another citizen's id never reveals anything."""
    try:
        return Post.objects.select_related("postcode__municipality").get(pk=pk, author=user)
    except Post.DoesNotExist:
        raise Http404 from None


def get_visible_post(viewer: User, pk: int, *, own: bool = True) -> Post:
    """A post `viewer` may read, or 404: the same answer for a post that does not exist,
    one outside its reach, in the other age space, or by someone on either side of a
    block. With `own`, the viewer's own posts count too, whatever their status."""
    try:
        # get(), not first(): no ordering to work out for a single row.
        post = Post.objects.select_related(
            "author", "municipality", "postcode", "organisation__verified_by_municipality"
        ).get(pk=pk)
    except Post.DoesNotExist:
        raise Http404 from None
    if post.author_id == viewer.pk:
        if own:
            return post
        raise Http404
    if not visible_posts(viewer).filter(pk=pk).exists():
        raise Http404
    return post


def _place_from_author(post: Post, author: User) -> None:
    """Where the post is: the author's postcode, or the organisation's when written as one
    that has one. Who wrote it (age, gender, the youth space) is always the author."""
    postcode = author.postcode
    organisation = post.organisation if post.organisation_id else None
    if organisation is not None and organisation.postcode_id:
        postcode = organisation.postcode
    if postcode is None:
        raise ValidationError(_("Add your postcode to your profile before you publish."))
    post.postcode = postcode
    post.municipality_id = postcode.municipality_id
    post.region_id = postcode.municipality.region_id
    post.latitude = postcode.latitude
    post.longitude = postcode.longitude
    post.author_birth_date = author.birth_date
    post.author_gender = author.gender
    post.is_youth = author.is_youth


def may_write_as(author: User, organisation) -> bool:
    """Only an organisation's owners and editors write posts as it (adults, by its rules)."""
    return not author.is_youth and role_of(author, organisation) in EDITING_ROLES


def _apply_fields(post: Post, fields: dict) -> None:
    """Write the post form's cleaned fields (`POST_FIELDS`) onto `post`."""
    for name in POST_FIELDS:
        value = fields.get(name)
        if name == "interests":
            post.interest_mask = interests_to_mask(value or [])
        elif name == "organisation":
            post.organisation_id = value or None
        else:
            setattr(post, name, value.strip() if isinstance(value, str) else value)
    post.wish_gender = post.wish_gender or "any"
    if post.reach != Reach.NEAR:
        post.reach_km = None
    elif not post.reach_km:
        post.reach_km = 10


@transaction.atomic
def save_post(*, author: User, fields: dict, publish: bool, post: Post | None = None) -> Post:
    """Create or change a post. `publish` makes it visible (for 90 days from the first
    publication); otherwise a new post stays a draft and a published one stays published."""
    now = clock.now()
    is_new = post is None
    if post is None:
        post = Post(author=author, created_at=now)
    elif post.author_id != author.pk:
        raise PermissionDenied
    _apply_fields(post, fields)
    if post.organisation_id and not may_write_as(author, post.organisation):
        raise ValidationError(
            _("You can only write as an organisation where you are an owner or editor."),
            code="not_editor",
        )
    _place_from_author(post, author)
    post.updated_at = now
    written = set_search_words(post)
    if publish and post.status in (Status.DRAFT, Status.EXPIRED):
        post.status = Status.PUBLISHED
        post.published_at = now
        post.expires_at = now + post_lifetime()
        post.expiry_reminder_sent_at = None
    post.save()
    record_words(written)
    if post.status == Status.PUBLISHED:
        flag_words(author=author, target="post", obj=post, text=f"{post.title}\n{post.body}")
    # What was typed is now saved for real; the draft has done its job.
    Draft.objects.filter(author=author, post=post).delete()
    if is_new:
        Draft.objects.filter(author=author, post__isnull=True).delete()
    return post


def discard_new_post_draft(*, author: User) -> None:
    Draft.objects.filter(author=author, post__isnull=True).delete()


@transaction.atomic
def pause_post(*, author: User, post: Post) -> Post:
    if post.author_id != author.pk:
        raise PermissionDenied
    if post.status == Status.PUBLISHED:
        post.status = Status.PAUSED
        post.updated_at = clock.now()
        post.save(update_fields=["status", "updated_at"])
    return post


@transaction.atomic
def resume_post(*, author: User, post: Post) -> Post:
    """Show a paused post again; one that ran out while paused is renewed."""
    if post.author_id != author.pk:
        raise PermissionDenied
    if post.status == Status.PAUSED:
        if post.expires_at and post.expires_at <= clock.now():
            return renew_post(author=author, post=post)
        # A post paused when its author changed space returns in the author's space now.
        _place_from_author(post, author)
        post.status = Status.PUBLISHED
        post.updated_at = clock.now()
        post.save()
    return post


@transaction.atomic
def renew_post(*, author: User, post: Post) -> Post:
    """One click: visible for another full lifetime from today."""
    if post.author_id != author.pk:
        raise PermissionDenied
    if post.status in (Status.DRAFT, Status.HIDDEN):
        return post
    now = clock.now()
    _place_from_author(post, author)
    post.status = Status.PUBLISHED
    post.published_at = post.published_at or now
    post.expires_at = now + post_lifetime()
    post.expiry_reminder_sent_at = None
    post.updated_at = now
    post.save()
    return post


@transaction.atomic
def delete_post(*, author: User, post: Post) -> None:
    if post.author_id != author.pk:
        raise PermissionDenied
    photo = post.photo
    post.delete()
    if photo:
        transaction.on_commit(lambda: delete_image(photo))


def pause_posts_of(
    *, author_id: int, in_youth_space: bool | None = None, now: datetime.datetime | None = None
) -> int:
    """Pause every published post of an author at once, for others who act on them: an
    author who leaves first contacts unanswered, a suspension or a ban, a move between the
    youth space and the adult space (`in_youth_space`: only the posts of that space). The
    author shows them again with `resume_post`. Returns how many were paused."""
    posts = Post.objects.filter(author_id=author_id, status=Status.PUBLISHED)
    if in_youth_space is not None:
        posts = posts.filter(is_youth=in_youth_space)
    return posts.update(status=Status.PAUSED, updated_at=now or clock.now())


def hide_post(*, post_id: int, now: datetime.datetime | None = None) -> int:
    """Hide a post until a moderator decides (a draft was never shown, so it stays one)."""
    return (
        Post.objects.filter(pk=post_id)
        .exclude(status=Status.DRAFT)
        .update(status=Status.HIDDEN, updated_at=now or clock.now())
    )


def is_post_hidden(post_id: int) -> bool:
    return Post.objects.filter(pk=post_id, status=Status.HIDDEN).exists()


def unhide_post(*, post_id: int, now: datetime.datetime | None = None) -> int:
    """Show a hidden post again (a dismissed report, a granted appeal); one that ran out
    while hidden is retired as expired."""
    now = now or clock.now()
    hidden = Post.objects.filter(pk=post_id, status=Status.HIDDEN)
    expired = hidden.filter(expires_at__lte=now).update(status=Status.EXPIRED, updated_at=now)
    return expired + hidden.update(status=Status.PUBLISHED, updated_at=now)


def expire_posts(*, now: datetime.datetime | None = None) -> int:
    """Retire posts whose time is up (stale posts are not left to disappoint anyone)."""
    now = now or clock.now()
    return Post.objects.filter(
        status__in=[Status.PUBLISHED, Status.PAUSED], expires_at__lte=now
    ).update(status=Status.EXPIRED, updated_at=now)


def claim_expiry_reminders(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark posts that expire soon as reminded and return their ids; a post is claimed once,
    so a retried task never sends the same reminder twice."""
    now = now or clock.now()
    soon = now + datetime.timedelta(days=settings.BELONG_POST_REMINDER_DAYS)
    due = Post.objects.filter(
        status=Status.PUBLISHED,
        expires_at__gt=now,
        expires_at__lte=soon,
        expiry_reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    claimed = []
    for pk in list(due):
        updated = Post.objects.filter(pk=pk, expiry_reminder_sent_at__isnull=True).update(
            expiry_reminder_sent_at=now
        )
        if updated:
            claimed.append(pk)
    return claimed


# --- Drafts --------------------------------------------------------------------------------

# A draft keeps exactly the post form's fields, as typed.
DRAFT_FIELDS = POST_FIELDS


def save_draft(*, author: User, data, post: Post | None = None) -> Draft:
    """Keep exactly what was typed, valid or not."""
    if post is not None and post.author_id != author.pk:
        raise PermissionDenied
    kept: dict[str, str | list[str]] = {}
    for field in DRAFT_FIELDS:
        values = data.getlist(field) if hasattr(data, "getlist") else data.get(field)
        if field == "interests":
            kept[field] = [str(v)[:40] for v in (values or [])][:30]
        else:
            value = values[-1] if isinstance(values, list) and values else values
            kept[field] = str(value)[:4000] if value not in (None, []) else ""
    draft, _created = Draft.objects.update_or_create(
        author=author, post=post, defaults={"data": kept, "updated_at": clock.now()}
    )
    return draft


def get_draft(*, author: User, post: Post | None = None) -> Draft | None:
    draft = Draft.objects.filter(author=author, post=post).first()
    if draft and post is not None and draft.updated_at <= post.updated_at:
        return None
    return draft


# --- Saved searches ------------------------------------------------------------------------


def save_search(*, owner: User, query, name: str = "") -> SavedSearch:
    """Remember a search; new matching posts come by e-mail in a daily digest."""
    name = (name or "").strip()[:80] or _describe_query(query)
    return SavedSearch.objects.create(
        owner=owner, name=name, query=query.to_params(), checked_until=clock.now()
    )


def _describe_query(query) -> str:
    if query.text:
        return query.text[:80]
    if query.where == "near":
        return _("Within %(km)s km") % {"km": query.radius_km}
    return _("My search")
