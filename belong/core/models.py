"""Core records every app relies on: append-only audit rows and the staff-access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def delete(self):
        raise PermissionError(f"{self.model._meta.verbose_name_plural} are append-only.")


class AppendOnly(models.Model):
    """An audit row: written once, never changed or deleted through the application."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(f"{self._meta.verbose_name_plural} are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.verbose_name_plural} are append-only.")


class StaffAccess(AppendOnly):
    """One staff look at a citizen's personal data. Rows are written once and never changed."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="staff_accesses_made",
        verbose_name=_("staff member"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_accesses_about",
        verbose_name=_("citizen"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    # What was looked at or done, e.g. "profile", "reported_message:41", "assisted_signup".
    action = models.CharField(_("what"), max_length=80)
    reason = models.CharField(_("why"), max_length=300)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        # The table keeps the name it had when the log lived in the safety app.
        db_table = "safety_staffaccess"
        verbose_name = _("staff access")
        verbose_name_plural = _("staff-access log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.action} {self.subject_id}"
