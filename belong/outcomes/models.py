"""Consented questionnaire answers, the one reminder per round, and researchers' data
agreements. No page shows one person's answers to anyone but that person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Wave(models.IntegerChoices):
    """When a citizen is asked: at sign-up, then after 3, 6 and 12 months on Belong."""

    BASELINE = 0, _("At sign-up")
    MONTH_3 = 3, _("After 3 months")
    MONTH_6 = 6, _("After 6 months")
    MONTH_12 = 12, _("After 12 months")


class UnwantedAlone(models.TextChoices):
    OFTEN = "often", _("Yes, often")
    SOMETIMES = "sometimes", _("Yes, sometimes")
    RARELY = "rarely", _("Yes, but rarely")
    NO = "no", _("No")


class Response(models.Model):
    """One round of answers: WHO-5, the UCLA 3-item scale and the item on being alone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("citizen"),
    )
    wave = models.PositiveSmallIntegerField(_("round"), choices=Wave.choices)
    answered_at = models.DateTimeField(_("answered at"))
    who5_items = models.JSONField(_("WHO-5 answers"))
    who5_raw = models.PositiveSmallIntegerField(_("WHO-5 raw score"))
    ucla3_items = models.JSONField(_("UCLA-3 answers"))
    ucla3_score = models.PositiveSmallIntegerField(_("UCLA-3 score"))
    unwanted_alone = models.CharField(
        _("alone without wanting to be"), max_length=10, choices=UnwantedAlone.choices
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        constraints = [
            models.UniqueConstraint(fields=["user", "wave"], name="outcome_response_once"),
            models.CheckConstraint(condition=models.Q(who5_raw__lte=25), name="outcome_who5_range"),
            models.CheckConstraint(
                condition=models.Q(ucla3_score__gte=3, ucla3_score__lte=9),
                name="outcome_ucla3_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Answers {self.pk} (round {self.wave})"


class Reminder(models.Model):
    """The one gentle e-mail a round may bring: never a second one for the same round."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    wave = models.PositiveSmallIntegerField(choices=Wave.choices)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "wave"], name="outcome_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.wave} for {self.user_id}"


class DataAgreement(models.Model):
    """A researcher's recorded data agreement with a municipality: with it (and the analyst
    role there) they may download the aggregate tables, and nothing else."""

    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("researcher"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    reference = models.CharField(_("agreement reference"), max_length=100)
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("data agreement")
        verbose_name_plural = _("data agreements")

    def __str__(self) -> str:
        return self.reference
