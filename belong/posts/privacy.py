"""Personal data in posts: the person's posts, drafts and saved searches; erased in full."""

from __future__ import annotations

from belong.core.personal_data import rows
from belong.posts.models import DigestSent, Draft, Post, SavedSearch

PERSONAL_DATA_MODELS = [Post, Draft, SavedSearch, DigestSent]


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
        ),
        "drafts": rows(Draft.objects.filter(author=user), "data", "updated_at"),
        "saved_searches": rows(
            SavedSearch.objects.filter(owner=user), "name", "query", "created_at"
        ),
    }


def erase(user) -> None:
    Draft.objects.filter(author=user).delete()
    SavedSearch.objects.filter(owner=user).delete()
    Post.objects.filter(author=user).delete()
