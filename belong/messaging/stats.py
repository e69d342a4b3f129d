"""Figures about conversations for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.messaging.models import CheckIn, Conversation, HowItFelt


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


class MeetingsThatFeltGood:
    """Check-ins after a meeting that say it felt good or very good: only the count, never
    whose, and never shown to the other person."""

    name = "meetings_felt_good"
    label = _("Meetings that felt good")

    def _checkins(self, municipality):
        return CheckIn.objects.filter(
            meeting__conversation__post__municipality=municipality,
            met=True,
            felt__gte=HowItFelt.GOOD,
        )

    def count(self, municipality) -> int:
        return self._checkins(municipality).count()

    def count_in(self, municipality, start, end) -> int:
        return (
            self._checkins(municipality).filter(answered_at__gte=start, answered_at__lt=end).count()
        )


STATISTICS = [Conversations(), MeetingsThatFeltGood()]
