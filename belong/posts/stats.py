"""Figures about posts for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.figures import counts_by
from belong.posts.models import Post, Status


class PublishedPosts:
    name = "published_posts"
    label = _("Published posts")

    def count(self, municipality) -> int:
        return Post.objects.filter(municipality=municipality, status=Status.PUBLISHED).count()

    def count_in(self, municipality, start, end) -> int:
        """Posts first published in [start, end)."""
        return self.count_by_municipality(start, end).get(municipality.pk, 0)

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            Post.objects.filter(published_at__gte=start, published_at__lt=end), "municipality_id"
        )


STATISTICS = [PublishedPosts()]
