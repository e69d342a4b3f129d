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
