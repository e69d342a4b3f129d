"""Figures about conversations for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.messaging.models import Conversation


class Conversations:
    name = "conversations"
    label = _("Conversations started")

    def count(self, municipality) -> int:
        return Conversation.objects.filter(post__municipality=municipality).count()


STATISTICS = [Conversations()]
