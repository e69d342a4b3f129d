"""Figures about posts for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.posts.models import Post, Status


class PublishedPosts:
    name = "published_posts"
    label = _("Published posts")

    def count(self, municipality) -> int:
        return Post.objects.filter(municipality=municipality, status=Status.PUBLISHED).count()

    def count_in(self, municipality, start, end) -> int:
        """Posts first published in [start, end)."""
        return Post.objects.filter(
            municipality=municipality, published_at__gte=start, published_at__lt=end
        ).count()


STATISTICS = [PublishedPosts()]
