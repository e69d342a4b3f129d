"""Figures about activities for a municipality's statistics: who took part, and what the
private check-ins say (only ever as counts, suppressed when small)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.activities.models import ActivityCheckIn, SignUp


class ActivityParticipants:
    name = "activity_participants"
    label = _("Citizens who came to an activity")

    def count(self, municipality) -> int:
        return (
            SignUp.objects.filter(activity__municipality=municipality, attended=True)
            .values("user")
            .distinct()
            .count()
        )


class WouldComeAgain:
    name = "activity_would_come_again"
    label = _("Check-ins: would come again")

    def count(self, municipality) -> int:
        return ActivityCheckIn.objects.filter(
            signup__activity__municipality=municipality, come_again="yes"
        ).count()


STATISTICS = [ActivityParticipants(), WouldComeAgain()]
