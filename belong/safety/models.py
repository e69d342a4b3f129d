"""Safety: who has blocked whom, and what citizens have reported (moderated in a later step)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.core.models import AppendOnly


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
    HARASSMENT = "harassment", _("Harassment or bullying")
    SEXUAL = "sexual", _("Sexual content")
    SCAM = "scam", _("Scam, advertising or spam")
    MINOR_AT_RISK = "minor_at_risk", _("A child or young person may be at risk")
    SELF_HARM = "self_harm", _("Someone may hurt themselves")
    OTHER = "other", _("Something else")
    # Written by Belong itself, never chosen by a citizen.
    WORD_LIST = "word_list", _("Word list")


# Reasons a citizen may choose; urgent ones are shown first in the queue.
CITIZEN_REASONS = [choice for choice in ReportReason.choices if choice[0] != "word_list"]
URGENT_REASONS = (ReportReason.MINOR_AT_RISK, ReportReason.SELF_HARM)


class ReportTarget(models.TextChoices):
    POST = "post", _("Post")
    PROFILE = "profile", _("Profile")
    MESSAGE = "message", _("Message")
    LOGO = "logo", _("An organisation's logo")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    CLOSED = "closed", _("Decided")


class Report(models.Model):
    """One citizen's report (or one word-list flag) about a post, a profile or a message.

    `target` and `target_id` name what was reported; `reported` is the person behind it
    and `municipality` where they lived then, so each municipality moderates its own."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_made",
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_received"
    )
    target = models.CharField(
        _("what"), max_length=10, choices=ReportTarget.choices, default=ReportTarget.PROFILE
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    urgent = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_assigned",
        verbose_name=_("moderator"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["municipality", "status", "-urgent", "created_at"], name="report_queue"
            ),
            models.Index(fields=["target", "target_id", "status"], name="report_target"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} about {self.target} {self.target_id}"


class ActionKind(models.TextChoices):
    DISMISS = "dismiss", _("Dismissed")
    HIDE = "hide", _("Content hidden")
    WARN = "warn", _("Warning")
    SUSPEND = "suspend", _("Suspended for a time")
    BAN = "ban", _("Banned")
    AUTO_HIDE = "auto_hide", _("Hidden after several reports")
    APPEAL_UPHELD = "appeal_upheld", _("Appeal: decision kept")
    APPEAL_GRANTED = "appeal_granted", _("Appeal: decision lifted")


# Actions that tell the affected citizen and may be appealed.
APPEALABLE = (ActionKind.HIDE, ActionKind.WARN, ActionKind.SUSPEND, ActionKind.BAN)


class ModerationAction(AppendOnly):
    """The audit row of one moderation decision; written once, never changed."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("moderator"),
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_actions_about",
        verbose_name=_("citizen"),
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    target = models.CharField(max_length=10, choices=ReportTarget.choices, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.subject_id}"


class Notice(models.Model):
    """What a citizen is told about a moderation decision, on the site (and by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )

    class Kind(models.TextChoices):
        MODERATION = "moderation", _("Moderation")
        ADULT_SPACE = "adult_space", _("You have moved to the adult space")
        # A birth date verified or corrected on the other side of 18.
        ADULT_BY_AGE = "adult_by_age", _("You use the adult space")
        YOUTH_BY_AGE = "youth_by_age", _("You use the youth space")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MODERATION)
    action = models.OneToOneField(
        ModerationAction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notice",
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Notice {self.pk} to {self.user_id}"


class YouthTransition(models.Model):
    """Marks that a citizen who turned 18 (or whose birth date was found to be an adult's)
    has been moved to the adult space, once. A move back into the youth space removes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="youth_transition"
    )
    moved_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} moved {self.moved_at:%Y-%m-%d}"


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    UPHELD = "upheld", _("Decision kept")
    GRANTED = "granted", _("Decision lifted")


class Appeal(models.Model):
    """A citizen's one appeal against one decision; it waits in the queue like a report."""

    action = models.OneToOneField(ModerationAction, on_delete=models.PROTECT, related_name="appeal")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("your appeal"), max_length=2000)
    status = models.CharField(max_length=10, choices=AppealStatus.choices, default="open")
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Appeal {self.pk} against {self.action_id}"


DEFAULT_GUIDANCE = (
    "Hvis et barn eller en ung kan være i fare, eller nogen kan skade sig selv: "
    "Ring 112 ved akut fare. Kontakt kommunens vagt for børn og unge, og skriv en "
    "underretning, hvis det handler om et barn. Børnetelefonen: 116 111. "
    "Livslinien: 70 201 201. Skriv hvad du har gjort i begrundelsen."
)


class ModerationSettings(models.Model):
    """Per municipality: the guidance shown with urgent reports, and the word list.

    Edited by the municipality's administrators."""

    municipality = models.OneToOneField(
        "places.Municipality", on_delete=models.CASCADE, related_name="moderation_settings"
    )
    guidance = models.TextField(_("guidance for urgent reports"), default=DEFAULT_GUIDANCE)
    word_list = models.TextField(
        _("word list"),
        blank=True,
        help_text=_(
            "One word or phrase per line. Posts and first messages with them are sent for review."
        ),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderation settings")
        verbose_name_plural = _("moderation settings")

    def __str__(self) -> str:
        return f"Moderation settings for {self.municipality_id}"

    @property
    def words(self) -> list[str]:
        return [line.strip().lower() for line in self.word_list.splitlines() if line.strip()]
