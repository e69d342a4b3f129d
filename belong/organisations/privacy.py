"""Personal data in organisations: a person's memberships, follows, adult-contact vetting
and the applications they sent, erased with the person. The organisations are the clubs'
own and stay, as do the staff's log entries (their actor is the anonymised account); the
contact e-mail and phone of an organisation the person was the only owner of may be their
own, so they are exported and erased with them."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from belong.organisations.models import (
    AdultContact,
    Follow,
    LogEntry,
    Membership,
    Organisation,
    Role,
    VerificationApplication,
)

PERSONAL_DATA_MODELS = [
    Organisation,
    Membership,
    Follow,
    AdultContact,
    VerificationApplication,
    LogEntry,
]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "The clubs and organisations you belong to or follow, and the applications you sent them."
)
PURPOSE = _("To connect you with clubs and organisations, and to protect minors in them.")


def _only_owner_of(user):
    owned = Membership.objects.filter(user=user, role=Role.OWNER).values("organisation")
    other_owners = (
        Membership.objects.filter(role=Role.OWNER).exclude(user=user).values("organisation")
    )
    return Organisation.objects.filter(pk__in=owned).exclude(pk__in=other_owners)


def _rows(queryset, *fields) -> list[dict]:
    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def export(user) -> dict:
    return {
        "organisations_i_alone_own": _rows(
            _only_owner_of(user), "name", "contact_email", "contact_phone", "address"
        ),
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
    _only_owner_of(user).update(contact_email="", contact_phone="")
    Membership.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    AdultContact.objects.filter(user=user).delete()
    VerificationApplication.objects.filter(applied_by=user).update(applied_by=None, note="")
