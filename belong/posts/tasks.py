"""Background work for posts: retire stale posts, remind before expiry, send search digests.

Each task takes no objects, is safe to run twice, and is enqueued by `belong tick`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from belong.core import clock
from belong.posts.models import DigestSent, Post, SavedSearch
from belong.posts.search import SearchQuery, search_posts
from belong.posts.services import claim_expiry_reminders, expire_posts


def _absolute(path: str) -> str:
    return settings.BELONG_BASE_URL.rstrip("/") + path


@task()
def expire_stale_posts() -> int:
    return expire_posts()


@task()
def send_expiry_reminders() -> int:
    sent = 0
    for pk in claim_expiry_reminders():
        post = Post.objects.select_related("author").get(pk=pk)
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "posts/email/expiry_reminder.txt",
                {"post": post, "my_posts_url": _absolute(reverse("my_posts"))},
            )
            subject = render_to_string("posts/email/expiry_reminder_subject.txt", {"post": post})
        if post.author.email:  # citizens signed up without e-mail get no mail
            send_mail(subject.strip(), body, None, [post.author.email])
            sent += 1
    return sent


DIGEST_MAX_POSTS = 10


@task()
def send_saved_search_digests() -> int:
    """One e-mail per saved search and day, only when new posts fit it."""
    today = clock.today()
    sent = 0
    for saved in SavedSearch.objects.select_related("owner__postcode__municipality"):
        if not saved.owner.is_active:
            continue
        now = clock.now()
        query = SearchQuery.from_saved(saved.query)
        query.sort = "newest"
        # A digest names only posts that fit the words saved, not close spellings of them.
        query.exact = True
        results = search_posts(viewer=saved.owner, query=query, page_size=50)
        new = [p for p in results.posts if p.published_at and p.published_at > saved.checked_until]
        if not new:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(saved_search=saved, day=today, post_count=len(new))
                SavedSearch.objects.filter(pk=saved.pk).update(checked_until=now)
        except IntegrityError:
            continue  # already sent today
        for post in new:
            post.absolute_url = _absolute(reverse("post_detail", args=[post.pk]))
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "posts/email/saved_search_digest.txt",
                {
                    "saved": saved,
                    "posts": new[:DIGEST_MAX_POSTS],
                    "more": max(0, len(new) - DIGEST_MAX_POSTS),
                    "searches_url": _absolute(reverse("saved_searches")),
                },
            )
            subject = render_to_string(
                "posts/email/saved_search_digest_subject.txt", {"saved": saved}
            )
        if saved.owner.email:
            send_mail(subject.strip(), body, None, [saved.owner.email])
            sent += 1
    return sent
