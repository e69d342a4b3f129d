"""Figures about reports and moderation for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.figures import counts_by
from belong.safety.models import ModerationAction, Report


class Reports:
    name = "reports"
    label = _("Reports made")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            Report.objects.filter(created_at__gte=start, created_at__lt=end), "municipality_id"
        )


class ModerationActions:
    name = "moderation_actions"
    label = _("Moderation actions")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            ModerationAction.objects.filter(created_at__gte=start, created_at__lt=end),
            "municipality_id",
        )


STATISTICS = [Reports(), ModerationActions()]
