"""Activities run by a facilitator or an organisation: sign-ups with a waitlist,
attendance, the private check-in afterwards, and the e-mails owed to participants."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import HasInterests


class AgeRange(models.TextChoices):
    ADULT = "adult", _("Adults (18 and over)")
    YOUTH = "youth", _("Young people (13 to 17)")
    ALL = "all", _("All ages, with named adult contacts")


class ActivityStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def for_listing(self) -> ActivityQuerySet:
        return self.select_related("organisation", "municipality", "facilitator").annotate(
            taken=models.Count(
                "signups", filter=models.Q(signups__status="confirmed"), distinct=True
            )
        )


class Activity(HasInterests, models.Model):
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000)
    interest_mask = models.BigIntegerField(_("interests"), default=0)
    # Run by an organisation (its owners and editors) or by a facilitator (a staff role).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_activities",
        verbose_name=_("facilitator"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, related_name="activities"
    )
    postcode = models.ForeignKey(
        "places.Postcode", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    online_link = models.URLField(_("link to the meeting"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    quiet_space = models.BooleanField(_("a quiet space"), default=False)
    accessibility_notes = models.CharField(_("more about access"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Activities made together as a weekly series share this id.
    series = models.UUIDField(null=True, blank=True, db_index=True)
    capacity = models.PositiveIntegerField(_("places"))
    needs_approval = models.BooleanField(_("sign-ups need approval"), default=False)
    age_range = models.CharField(
        _("age range"), max_length=6, choices=AgeRange.choices, default=AgeRange.ADULT
    )
    status = models.CharField(
        max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.SCHEDULED
    )
    # The calendar's UID: stable across changes, so calendars update the event in place.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["municipality", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False)
                | models.Q(facilitator__isnull=False),
                name="activity_has_organiser",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="activity_ends_later"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == ActivityStatus.CANCELLED

    @property
    def is_youth(self) -> bool:
        return self.age_range == AgeRange.YOUTH


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("You have a place")
    WAITLISTED = "waitlisted", _("On the waiting list")
    PENDING = "pending", _("Waiting for approval")
    CANCELLED = "cancelled", _("Cancelled")


class SignUp(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(max_length=10, choices=SignUpStatus.choices)
    # First come, first served: the waitlist is promoted in this order.
    queued_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="signup_once")]
        indexes = [models.Index(fields=["activity", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status} for {self.activity_id}"


class HowItWent(models.TextChoices):
    GOOD = "good", _("Good")
    OK = "ok", _("All right")
    BAD = "bad", _("Not so good")


class ComeAgain(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class ActivityCheckIn(models.Model):
    """ "How did it go? Would you come again?": private to the participant; only counted
    in statistics."""

    signup = models.OneToOneField(SignUp, on_delete=models.CASCADE, related_name="checkin")
    how_it_went = models.CharField(max_length=4, choices=HowItWent.choices)
    come_again = models.CharField(max_length=5, choices=ComeAgain.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Check-in {self.signup_id}"


class ActivityEmail(models.Model):
    """One row per e-mail owed about an activity; `key` is unique, so an event is recorded
    once however often a task runs, and a row is claimed before it is sent."""

    class Kind(models.TextChoices):
        PROMOTED = "promoted"
        REMINDER_DAY = "reminder_day"
        REMINDER_HOUR = "reminder_hour"
        CHANGED = "changed"
        CANCELLED = "cancelled"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key
