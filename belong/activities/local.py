"""The municipality's page and newsletter list upcoming activities (belong.municipalities.local)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from belong.activities.services import upcoming_activities
from belong.municipalities.local import LocalItem, LocalSection, register_local_section

SHOWN = 10


def _upcoming(viewer, municipality, start, end) -> list[LocalItem]:
    activities = upcoming_activities(viewer=viewer, municipality=municipality, now=start).filter(
        starts_at__lt=end
    )[:SHOWN]
    return [
        LocalItem(
            title=activity.title,
            url=reverse("activity_detail", args=[activity.pk]),
            when=activity.starts_at,
            summary=Truncator(activity.description).chars(160),
        )
        for activity in activities
    ]


def register() -> None:
    register_local_section(
        LocalSection(key="activities", heading=_("Upcoming activities"), items=_upcoming, order=10)
    )
