"""Erasure requests: "Slet min konto" waits out a grace period, in which logging in undoes
it; then the account is erased and its id written to the tombstone file. Also the warning an
inactive account gets, and the exports prepared in the background."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_request"
    )
    # The citizen themself, or the staff member who erased on the citizen's request.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    erase_after = models.DateTimeField(db_index=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["erase_after"],
                condition=models.Q(erased_at__isnull=True),
                name="erasure_due",
            )
        ]

    def __str__(self) -> str:
        return f"erasure of {self.user_id}"


class InactivityWarning(models.Model):
    """The one e-mail an inactive account gets before it is erased: sent when nobody logged
    in for `BELONG_RETENTION_INACTIVE_WARNING_MONTHS`; logging in removes it (the count
    starts again), and the account is erased at `BELONG_RETENTION_INACTIVE_ERASURE_MONTHS`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_warning"
    )
    warned_at = models.DateTimeField()
    erase_after = models.DateTimeField()

    def __str__(self) -> str:
        return f"inactivity warning to {self.user_id}"


def _export_path(instance: DataExport, filename: str) -> str:
    # A random name: the file is reached only through the owner's logged-in download.
    return f"exports/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    """A citizen's data prepared in the background as a zip, behind the storage API; the
    download link works for `BELONG_EXPORT_LINK_DAYS` (7), then retention deletes the file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField()
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    file = models.FileField(upload_to=_export_path, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id}"

    def is_expired(self, now: datetime.datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now
