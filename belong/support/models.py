"""Support requests: a citizen asks the municipality's facilitators for a human hand."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupportKind(models.TextChoices):
    TALK = "talk", _("Someone to talk to about getting started")
    FIRST_MEETING = "first_meeting", _("Someone to come along to a first meeting")
    ACTIVITY = "activity", _("Company at an activity")


class SupportContact(models.TextChoices):
    PHONE = "phone", _("Call me on the phone")
    EMAIL = "email", _("Write to me by e-mail")
    BELONG = "belong", _("Write to me here on Belong")


class SupportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a facilitator")
    ASSIGNED = "assigned", _("A facilitator is on it")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SupportOutcome(models.TextChoices):
    TALKED = "talked", _("We talked")
    MET = "met", _("We met")
    ACCOMPANIED = "accompanied", _("Came along to a meeting or activity")
    REFERRED = "referred", _("Referred to other help")
    NOT_REACHED = "not_reached", _("Could not reach the citizen")


OPEN_STATUSES = (SupportStatus.WAITING, SupportStatus.ASSIGNED)


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def open(self) -> SupportRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class SupportRequest(models.Model):
    """One request for a facilitator. Its queue is the municipality's facilitators', apart
    from the IT support's help requests: this is about people, not about the website."""

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_requests",
        verbose_name=_("citizen"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="support_requests",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("what kind of support"), max_length=20, choices=SupportKind.choices)
    contact = models.CharField(_("how we reach you"), max_length=10, choices=SupportContact.choices)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    message = models.TextField(_("anything you want to tell us"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.WAITING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=SupportOutcome.choices, blank=True
    )

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [models.Index(fields=["municipality", "status", "created_at"])]

    def __str__(self) -> str:
        return f"Support request {self.pk} in {self.municipality_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SupportNote(models.Model):
    """A facilitator's note on a request. A private note is for staff only; a note to the
    citizen is a message from the municipality, shown on the citizen's page and e-mailed."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=2000)
    to_citizen = models.BooleanField(_("sent to the citizen"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("support note")
        verbose_name_plural = _("support notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note {self.pk} on support request {self.request_id}"


DEFAULT_NO_CONTACT_DAYS = 7


class FirstResponseConsent(models.Model):
    """The citizen agreed that a facilitator may write to them first when nobody answers.
    Withdrawing deletes the row: no consent is kept longer than it holds."""

    citizen = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="first_response_consent",
        verbose_name=_("citizen"),
    )
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent to a first response")
        verbose_name_plural = _("consents to a first response")

    def __str__(self) -> str:
        return f"First response consent of {self.citizen_id}"


class FirstResponseSetting(models.Model):
    """A municipality's rule for its facilitators' console: after how many days without
    any contact a post's author is listed."""

    municipality = models.OneToOneField(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="first_response_setting",
        verbose_name=_("municipality"),
    )
    no_contact_days = models.PositiveSmallIntegerField(
        _("days without contact before a facilitator may write"),
        default=DEFAULT_NO_CONTACT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("first response setting")
        verbose_name_plural = _("first response settings")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.no_contact_days} days"


class YouthClearance(models.Model):
    """A facilitator the municipality has cleared to write to young people under 18 (for
    instance after seeing a child protection certificate). Without it, minors are never
    listed for them."""

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="youth_clearances",
        verbose_name=_("facilitator"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("clearance for young people")
        verbose_name_plural = _("clearances for young people")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "municipality"], name="youth_clearance_once"
            )
        ]

    def __str__(self) -> str:
        return f"Youth clearance of {self.facilitator_id} in {self.municipality_id}"
