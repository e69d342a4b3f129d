"""Personal data in core: the staff-access log. A citizen may see who looked at their data;
the log itself is kept on erasure (it is the record that staff access was lawful)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.models import StaffAccess
from belong.core.personal_data import rows

PERSONAL_DATA_MODELS = [StaffAccess]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("The log of every time a staff member looked at your data.")
PURPOSE = _("To show that staff only look at your data when they have reason to.")


def export(user) -> dict:
    return {
        "staff_accesses_about_me": rows(
            StaffAccess.objects.filter(subject=user), "action", "reason", "created_at"
        )
    }


def erase(user) -> None:
    return None  # append-only audit rows: kept, and the person's account is anonymised
