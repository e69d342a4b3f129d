"""Erasure requests: "Slet min konto" waits out a grace period, in which logging in undoes
it; then the account is erased and its id written to the tombstone file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


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
