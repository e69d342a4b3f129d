"""Personal data in organisations: a person's memberships, follows, adult-contact vetting
and the applications they sent. Erased with the person; the organisations themselves are
the clubs' own and stay, as do the staff's log entries (their actor becomes empty)."""

from __future__ import annotations

import datetime

from belong.organisations.models import (
    AdultContact,
    Follow,
    LogEntry,
    Membership,
    VerificationApplication,
)

PERSONAL_DATA_MODELS = [Membership, Follow, AdultContact, VerificationApplication, LogEntry]


def _rows(queryset, *fields) -> list[dict]:
    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def export(user) -> dict:
    return {
        "memberships": _rows(
            Membership.objects.filter(user=user), "organisation__name", "role", "created_at"
        ),
        "follows": _rows(Follow.objects.filter(user=user), "organisation__name", "created_at"),
        "adult_contact_for": _rows(
            AdultContact.objects.filter(user=user),
            "organisation__name",
            "status",
            "proposed_at",
            "decided_at",
        ),
        "verification_applications": _rows(
            VerificationApplication.objects.filter(applied_by=user),
            "organisation__name",
            "note",
            "status",
            "applied_at",
        ),
    }


def erase(user) -> None:
    Membership.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    AdultContact.objects.filter(user=user).delete()
    VerificationApplication.objects.filter(applied_by=user).update(applied_by=None, note="")
