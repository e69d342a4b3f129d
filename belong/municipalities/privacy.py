"""Personal data in municipalities: help requests a citizen made and staff roles held."""

from __future__ import annotations

import datetime

from django.conf import settings

from belong.core.personal_data import rows
from belong.municipalities.models import HelpRequest, StaffRole

PERSONAL_DATA_MODELS = [HelpRequest, StaffRole]


def export(user) -> dict:
    return {
        "help_requests": rows(
            HelpRequest.objects.filter(citizen=user),
            "name",
            "contact",
            "email",
            "phone",
            "description",
            "created_at",
        ),
        "staff_roles": rows(StaffRole.objects.filter(user=user), "municipality__name", "role"),
    }


def erase(user) -> None:
    HelpRequest.objects.filter(citizen=user).delete()
    StaffRole.objects.filter(user=user).delete()


def _delete_old_help_requests(*, now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=settings.BELONG_RETENTION_HELP_REQUEST_DAYS)
    return HelpRequest.objects.filter(created_at__lt=cutoff).delete()[0]


# What the daily retention task deletes here (belong.privacy.retention).
RETENTION = {"help_requests": _delete_old_help_requests}
