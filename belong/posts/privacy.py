"""Personal data in posts: the person's posts, drafts and saved searches; erased in full."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from belong.core.images import delete_image
from belong.core.personal_data import rows
from belong.posts.models import DigestSent, Draft, Post, SavedSearch

PERSONAL_DATA_MODELS = [Post, Draft, SavedSearch, DigestSent]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Your posts, drafts and saved searches.")
PURPOSE = _("To show your posts to people who search, and to alert you to new posts.")


def export(user) -> dict:
    return {
        "posts": rows(
            Post.objects.filter(author=user),
            "title",
            "body",
            "motive",
            "status",
            "reach",
            "created_at",
            "published_at",
            "expires_at",
            "photo_alt",
        ),
        "drafts": rows(Draft.objects.filter(author=user), "data", "updated_at"),
        "saved_searches": rows(
            SavedSearch.objects.filter(owner=user), "name", "query", "created_at"
        ),
    }


def erase(user) -> None:
    Draft.objects.filter(author=user).delete()
    SavedSearch.objects.filter(owner=user).delete()
    posts = Post.objects.filter(author=user)
    photos = list(posts.exclude(photo="").values_list("photo", flat=True))
    posts.delete()
    # The stored photos go with their posts, once the erasure is committed.
    transaction.on_commit(lambda: _delete_images(photos))


def _delete_images(names: list[str]) -> None:
    for name in names:
        delete_image(name)


def _delete_abandoned_drafts(*, now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=settings.BELONG_RETENTION_DRAFT_DAYS)
    return Draft.objects.filter(updated_at__lt=cutoff).delete()[0]


# What the daily retention task deletes here (belong.privacy.retention).
RETENTION = {"abandoned_drafts": _delete_abandoned_drafts}
# The setting each rule reads, as the privacy notice shows it.
RETENTION_PERIODS = {
    "abandoned_drafts": ("BELONG_RETENTION_DRAFT_DAYS", _("Drafts you have not touched")),
}
