"""Figures about activities for a municipality's statistics: who took part, and what the
private check-ins say (only ever as counts, suppressed when small)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.activities.models import (
    Activity,
    ActivityCheckIn,
    ActivityStatus,
    SignUp,
    SignUpStatus,
)
from belong.core.figures import counts_by


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


class ActivitiesHeld:
    name = "activities_held"
    label = _("Activities held")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        held = Activity.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(
            status=ActivityStatus.CANCELLED
        )
        return counts_by(held, "municipality_id")


class ActivitySignups:
    """Sign-ups made in the month (waiting lists included, cancelled ones not)."""

    name = "activity_signups"
    label = _("Sign-ups for activities")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        made = SignUp.objects.filter(queued_at__gte=start, queued_at__lt=end).exclude(
            status=SignUpStatus.CANCELLED
        )
        return counts_by(made, "activity__municipality_id")


class ActivityAttendance:
    """Places taken at the month's activities, as the facilitator marked them."""

    name = "activity_attendance"
    label = _("Came to an activity")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        came = SignUp.objects.filter(
            attended=True, activity__starts_at__gte=start, activity__starts_at__lt=end
        )
        return counts_by(came, "activity__municipality_id")


STATISTICS = [
    ActivityParticipants(),
    WouldComeAgain(),
    ActivitiesHeld(),
    ActivitySignups(),
    ActivityAttendance(),
]
