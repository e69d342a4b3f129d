"""Safety: who has blocked whom, and what citizens have reported (moderated in a later step)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    """`blocker` no longer hears from `blocked`, and `blocked` no longer sees their posts."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class ReportReason(models.TextChoices):
    UNPLEASANT = "unpleasant", _("Unpleasant or offensive")
    SPAM = "spam", _("Advertising or spam")
    UNSAFE = "unsafe", _("I feel unsafe")
    MINOR = "minor", _("I think this concerns a child")
    OTHER = "other", _("Something else")


class Report(models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_received"
    )
    # What the report is about, e.g. "conversation:12"; the moderation queue reads it later.
    subject = models.CharField(max_length=80, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report {self.pk} about {self.reported_id}"


class StaffAccessQuerySet(models.QuerySet["StaffAccess"]):
    def update(self, **kwargs):
        raise PermissionError("The staff-access log is append-only.")

    def delete(self):
        raise PermissionError("The staff-access log is append-only.")


class StaffAccess(models.Model):
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

    objects = StaffAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff access")
        verbose_name_plural = _("staff-access log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.action} {self.subject_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The staff-access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The staff-access log is append-only.")
