"""Personal data in activities: a person's sign-ups, attendance, check-ins and the e-mails
owed to them, erased in full. The activities a person ran are exported; they stay (they are
the municipality's or the organisation's), run by the anonymised account."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from belong.activities.models import Activity, ActivityCheckIn, ActivityEmail, SignUp

PERSONAL_DATA_MODELS = [Activity, SignUp, ActivityCheckIn, ActivityEmail]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "Activities you run or sign up for, your attendance and check-ins, and the e-mails about them."
)
PURPOSE = _("To run facilitated activities and tell you about them.")


def _rows(queryset, *fields) -> list[dict]:
    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def export(user) -> dict:
    return {
        "activities_i_ran": _rows(
            Activity.objects.filter(Q(facilitator=user) | Q(created_by=user)),
            "title",
            "starts_at",
            "place",
        ),
        "activity_signups": _rows(
            SignUp.objects.filter(user=user),
            "activity__title",
            "activity__starts_at",
            "status",
            "queued_at",
            "attended",
        ),
        "activity_checkins": _rows(
            ActivityCheckIn.objects.filter(signup__user=user),
            "signup__activity__title",
            "how_it_went",
            "come_again",
            "answered_at",
        ),
    }


def erase(user) -> None:
    ActivityEmail.objects.filter(recipient=user).delete()
    SignUp.objects.filter(user=user).delete()  # check-ins go with them
