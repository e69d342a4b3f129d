"""A post's photo or symbol: set and removed by its author, removed alone by a moderator,
and served only to those who may see it. The image is re-encoded by belong.core.images and
kept behind Django's storage API."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.images import clean_image, delete_image, store_image
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role
from belong.posts.models import Post
from belong.posts.projections import shows_photo
from belong.posts.services import get_visible_post, save_post

MODERATING_ROLES = (StaffRole.Role.MODERATOR, StaffRole.Role.ADMINISTRATOR)


def attach_photo(*, author: User, post: Post, image: ContentFile, alt: str = "") -> Post:
    """Give `post` a photo already cleaned by `clean_image` (replacing any earlier one)."""
    if post.author_id != author.pk:
        raise PermissionDenied
    old = post.photo
    with transaction.atomic():
        post.photo = store_image(image, folder="post-photos")
        post.photo_alt = (alt or "").strip()[:200]
        # Where the photo was taken decides who sees it, even after an 18th birthday.
        post.photo_from_minor = author.is_youth
        post.photo_removed_at = None
        post.photo_removed_reason = ""
        post.save(
            update_fields=[
                "photo",
                "photo_alt",
                "photo_from_minor",
                "photo_removed_at",
                "photo_removed_reason",
            ]
        )
        if old:
            transaction.on_commit(lambda: delete_image(old))
    return post


def set_photo(*, author: User, post: Post, upload, alt: str = "") -> Post:
    """Clean `upload` and put it on `post`. Raises ValidationError (code "bad_image") for
    anything that is not a small, ordinary picture; the post is then left as it was."""
    return attach_photo(author=author, post=post, image=clean_image(upload), alt=alt)


def save_post_with_photo(
    *,
    author: User,
    fields: dict,
    publish: bool,
    post: Post | None = None,
    upload=None,
    alt: str = "",
    remove: bool = False,
) -> Post:
    """The post form with its photo: the picture is checked before anything is saved, so a
    refused picture leaves the post (and a new one unwritten) as it was."""
    image = clean_image(upload) if upload else None
    with transaction.atomic():
        saved = save_post(author=author, fields=fields, publish=publish, post=post)
        if image is not None:
            attach_photo(author=author, post=saved, image=image, alt=alt)
        elif remove and saved.photo:
            delete_photo(author=author, post=saved)
        elif saved.photo and (alt or "").strip() != saved.photo_alt:
            set_photo_alt(author=author, post=saved, alt=alt)
    return saved


def set_photo_alt(*, author: User, post: Post, alt: str) -> Post:
    if post.author_id != author.pk:
        raise PermissionDenied
    post.photo_alt = (alt or "").strip()[:200]
    post.save(update_fields=["photo_alt"])
    return post


def delete_photo(*, author: User, post: Post) -> Post:
    """The author takes the photo off the post; the stored image goes too."""
    if post.author_id != author.pk:
        raise PermissionDenied
    old = post.photo
    with transaction.atomic():
        post.photo = ""
        post.photo_alt = ""
        post.photo_removed_at = None
        post.photo_removed_reason = ""
        post.save(update_fields=["photo", "photo_alt", "photo_removed_at", "photo_removed_reason"])
        if old:
            transaction.on_commit(lambda: delete_image(old))
    return post


def may_moderate(staff: User, post: Post) -> bool:
    return (
        staff.is_authenticated
        and staff.is_staff
        and post.municipality_id is not None
        and has_role(staff, *MODERATING_ROLES, municipality=post.municipality_id)
    )


def remove_photo(*, moderator: User, post: Post, reason: str) -> Post:
    """A moderator takes down the photo alone, as they hide a post: the text stays, the
    photo is shown to nobody, and the author reads why on their post."""
    if not may_moderate(moderator, post):
        raise Http404
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write why, so the author can put it right."), code="invalid")
    if not post.photo:
        raise ValidationError(_("The post has no photo."), code="invalid")
    post.photo_removed_at = clock.now()
    post.photo_removed_reason = reason[:1000]
    post.save(update_fields=["photo_removed_at", "photo_removed_reason"])
    return post


def photo_for_viewer(viewer: User, pk: int) -> Post:
    """The post whose photo `viewer` may see, else 404: the post must be one they may read
    (a hidden post's photo is hidden with it), the photo not removed, and a photo from the
    youth space is never shown to an adult, nor an adult's to a young person. A moderator
    of the post's municipality sees an adult's photo to decide on a report; the reading is
    written to the staff-access log."""
    post = Post.objects.select_related("author").filter(pk=pk).exclude(photo="").first()
    if post is None:
        raise Http404
    if not post.photo_from_minor and may_moderate(viewer, post) and post.author_id != viewer.pk:
        record_staff_access(
            staff=viewer,
            subject=post.author,
            action="post_photo",
            reason=f"Photo of post {post.pk}",
            municipality=post.municipality,
        )
        return post
    post = get_visible_post(viewer, pk)
    if not shows_photo(viewer, post) and not (
        post.author_id == viewer.pk and post.photo and post.photo_removed_at is None
    ):
        raise Http404
    return post
