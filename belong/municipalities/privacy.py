"""Personal data in municipalities: help requests a citizen made, staff roles held (and the
log of their grants and removals), and the copies of newsletters sent (the newsletter
consent is the accounts' consent record). Erased in full, but for the append-only role log,
whose rows stay with the person left out when the account is deleted. What staff wrote for the
municipality (its page, announcements, newsletters) is the municipality's and stays; only
the name of its writer goes with the account."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.municipalities.models import (
    Announcement,
    HelpRequest,
    LandingPage,
    Newsletter,
    NewsletterDelivery,
    StaffRole,
    StaffRoleChange,
)

PERSONAL_DATA_MODELS = [
    HelpRequest,
    StaffRole,
    StaffRoleChange,
    NewsletterDelivery,
    LandingPage,
    Announcement,
    Newsletter,
]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "Requests for help from IT support, staff roles, your newsletter consent and the "
    "newsletters sent to you."
)
PURPOSE = _("To help you use Belong and send you the municipality's newsletter, if you want it.")


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
        "staff_role_changes": rows(
            StaffRoleChange.objects.filter(user=user).order_by("changed_at", "pk"),
            "municipality__name",
            "role",
            "change",
            "changed_at",
        ),
        "newsletters_received": rows(
            NewsletterDelivery.objects.filter(user=user, sent_at__isnull=False).order_by("sent_at"),
            "newsletter__municipality__name",
            "newsletter__month",
            "language",
            "sent_at",
        ),
        "announcements_written": rows(
            Announcement.objects.filter(created_by=user).order_by("created_at", "pk"),
            "municipality__name",
            "title",
            "starts_at",
            "ends_at",
        ),
        "newsletters_written": rows(
            Newsletter.objects.filter(created_by=user).order_by("month", "pk"),
            "municipality__name",
            "month",
            "subject_da",
        ),
    }


def erase(user) -> None:
    HelpRequest.objects.filter(citizen=user).delete()
    StaffRole.objects.filter(user=user).delete()
    NewsletterDelivery.objects.filter(user=user).delete()


def _delete_old_help_requests(*, now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=settings.BELONG_RETENTION_HELP_REQUEST_DAYS)
    return HelpRequest.objects.filter(created_at__lt=cutoff).delete()[0]


# What the daily retention task deletes here (belong.privacy.retention).
RETENTION = {"help_requests": _delete_old_help_requests}
# The setting each rule reads, as the privacy notice shows it.
RETENTION_PERIODS = {
    "help_requests": ("BELONG_RETENTION_HELP_REQUEST_DAYS", _("Requests for help from IT support")),
}
