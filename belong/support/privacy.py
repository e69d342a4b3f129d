"""Personal data in support: the requests a citizen made and the notes on them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.support.models import (
    FirstResponseConsent,
    SupportNote,
    SupportRequest,
    YouthClearance,
)

PERSONAL_DATA_MODELS = [SupportRequest, SupportNote, FirstResponseConsent, YouthClearance]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Your requests for a facilitator's support and the notes on them.")
PURPOSE = _("To give you a facilitator's support when meeting new people feels hard.")


def export(user) -> dict:
    return {
        "support_requests": rows(
            SupportRequest.objects.filter(citizen=user),
            "kind",
            "contact",
            "phone",
            "message",
            "status",
            "outcome",
            "created_at",
            "closed_at",
        ),
        # What the municipality wrote to them; staff's private notes are the municipality's
        # case notes, which go with the request when it is erased.
        "support_messages": rows(
            SupportNote.objects.filter(request__citizen=user, to_citizen=True),
            "body",
            "created_at",
        ),
        "first_response_consent": rows(
            FirstResponseConsent.objects.filter(citizen=user), "agreed_at"
        ),
        "youth_clearances": rows(
            YouthClearance.objects.filter(facilitator=user), "municipality_id", "granted_at"
        ),
        "support_notes_written": rows(
            SupportNote.objects.filter(author=user), "request_id", "created_at"
        ),
    }


def erase(user) -> None:
    SupportRequest.objects.filter(citizen=user).delete()
    FirstResponseConsent.objects.filter(citizen=user).delete()
    YouthClearance.objects.filter(facilitator=user).delete()
    # Notes a staff member wrote stay with the citizen's case, without the author.
    SupportNote.objects.filter(author=user).update(author=None)
