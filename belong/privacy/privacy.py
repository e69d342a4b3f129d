"""Personal data in privacy: the erasure request itself. It holds only the account's id and
dates, and is kept after the erasure as the record that it was done (and by whom)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.privacy.models import ErasureRequest

PERSONAL_DATA_MODELS = [ErasureRequest]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Your request to delete your account, if you made one.")
PURPOSE = _("To delete your account as you asked, and to show that it was done.")


def export(user) -> dict:
    return {
        "erasure_request": rows(
            ErasureRequest.objects.filter(user=user), "requested_at", "erase_after", "erased_at"
        )
    }


def erase(user) -> None:
    return None  # the record that the erasure was asked for and done: ids and dates only
