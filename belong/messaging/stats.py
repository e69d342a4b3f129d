"""Figures about conversations for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.messaging.models import Conversation


class Conversations:
    name = "conversations"
    label = _("Conversations started")

    def count(self, municipality) -> int:
        return Conversation.objects.filter(post__municipality=municipality).count()

    def count_in(self, municipality, start, end) -> int:
        """First contacts made in [start, end)."""
        return Conversation.objects.filter(
            post__municipality=municipality, created_at__gte=start, created_at__lt=end
        ).count()


STATISTICS = [Conversations()]
