"""Personal data in privacy: the erasure request itself, the warning an inactive account
got, and the exports prepared in the background. The request holds only the account's id
and dates, and is kept after the erasure as the record that it was done (and by whom).
Inactive accounts are warned and erased here (the erasure is every app's)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.privacy.exports import delete_expired_exports, delete_export
from belong.privacy.inactivity import erase_inactive, warn_inactive
from belong.privacy.models import DataExport, ErasureRequest, InactivityWarning

PERSONAL_DATA_MODELS = [ErasureRequest, InactivityWarning, DataExport]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "Your request to delete your account, if you made one, and the copies of your data "
    "you asked for."
)
PURPOSE = _("To delete your account as you asked, and to show that it was done.")


def export(user) -> dict:
    return {
        "erasure_request": rows(
            ErasureRequest.objects.filter(user=user), "requested_at", "erase_after", "erased_at"
        ),
        "inactivity_warning": rows(
            InactivityWarning.objects.filter(user=user), "warned_at", "erase_after"
        ),
        "exports": rows(
            DataExport.objects.filter(user=user), "status", "requested_at", "ready_at", "expires_at"
        ),
    }


def erase(user) -> None:
    # The erasure request stays: the record that the erasure was asked for and done.
    InactivityWarning.objects.filter(user=user).delete()
    for data_export in DataExport.objects.filter(user=user):
        delete_export(data_export)


# What the daily retention task does here (belong.privacy.retention): erase first, so an
# account is never warned and erased in the same run.
RETENTION = {
    "inactive_accounts_erased": erase_inactive,
    "inactive_accounts_warned": warn_inactive,
    "expired_exports": delete_expired_exports,
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
    "expired_exports": (
        "BELONG_EXPORT_LINK_DAYS",
        _("A copy of your data prepared for you to download"),
    ),
}
