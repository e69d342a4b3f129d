"""Personal data in privacy: the erasure request itself, and the warning an inactive account
got. The request holds only the account's id and dates, and is kept after the erasure as the
record that it was done (and by whom). Inactive accounts are warned and erased here (the
erasure is every app's)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.privacy.inactivity import erase_inactive, warn_inactive
from belong.privacy.models import ErasureRequest, InactivityWarning

PERSONAL_DATA_MODELS = [ErasureRequest, InactivityWarning]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Your request to delete your account, if you made one.")
PURPOSE = _("To delete your account as you asked, and to show that it was done.")


def export(user) -> dict:
    return {
        "erasure_request": rows(
            ErasureRequest.objects.filter(user=user), "requested_at", "erase_after", "erased_at"
        ),
        "inactivity_warning": rows(
            InactivityWarning.objects.filter(user=user), "warned_at", "erase_after"
        ),
    }


def erase(user) -> None:
    # The erasure request stays: the record that the erasure was asked for and done.
    InactivityWarning.objects.filter(user=user).delete()


# What the daily retention task does here (belong.privacy.retention): erase first, so an
# account is never warned and erased in the same run.
RETENTION = {
    "inactive_accounts_erased": erase_inactive,
    "inactive_accounts_warned": warn_inactive,
}
# The setting each rule reads, as the privacy notice shows it.
RETENTION_PERIODS = {
    "inactive_accounts_erased": (
        "BELONG_RETENTION_INACTIVE_ERASURE_MONTHS",
        _("Accounts nobody has logged in to (an e-mail warns first)"),
    ),
    "inactive_accounts_warned": (
        "BELONG_RETENTION_INACTIVE_WARNING_MONTHS",
        _("An e-mail warning that an account nobody logs in to will be deleted"),
    ),
}
