"""Organisations: clubs, associations, volunteer groups and municipal services, their
members, followers, named adult contacts and the municipality's verification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from belong.accounts.interests import HasInterests
from belong.core.models import AppendOnly


class Kind(models.TextChoices):
    CLUB = "club", _("Club")
    ASSOCIATION = "association", _("Association")
    VOLUNTEERS = "volunteers", _("Volunteer group")
    MUNICIPAL = "municipal", _("Municipal service")


class Ages(models.TextChoices):
    ADULTS = "adults", _("Adults (18 and over)")
    YOUTH = "youth", _("Young people (13 to 17)")
    ALL = "all", _("All ages")


# Ages that bring minors in: such an organisation needs adult contacts vetted by staff.
WELCOMES_MINORS = (Ages.YOUTH, Ages.ALL)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def verified(self) -> OrganisationQuerySet:
        return self.filter(verified_at__isnull=False)

    def for_listing(self) -> OrganisationQuerySet:
        return self.select_related("municipality", "verified_by_municipality").annotate(
            follower_count=models.Count("follows", distinct=True)
        )


class Organisation(HasInterests, models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CLUB)
    description = models.TextField(_("short description"), max_length=1000)
    interest_mask = models.BigIntegerField(_("interests"), default=0)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    postcode = models.ForeignKey(
        "places.Postcode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("postcode"),
    )
    address = models.CharField(_("address or area"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    ages = models.CharField(_("ages welcomed"), max_length=6, choices=Ages.choices)
    # The re-encoded logo's name in the default storage (belong.core.images), or "".
    logo = models.CharField(_("logo"), max_length=200, blank=True)
    logo_hidden_at = models.DateTimeField(_("logo removed by a moderator"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by_municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def welcomes_minors(self) -> bool:
        return self.ages in WELCOMES_MINORS

    @property
    def shows_logo(self) -> bool:
        return bool(self.logo) and self.logo_hidden_at is None


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


# Roles that may change the profile and run the organisation's activities.
EDITING_ROLES = (Role.OWNER, Role.EDITOR)


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=6, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} of {self.organisation_id}"


class Follow(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.organisation_id}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for the municipality")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class AdultContact(models.Model):
    """A named adult, a member of an organisation that welcomes minors, whom the
    municipality's staff have vetted (e.g. seen a child protection certificate)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="adult_contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adult_contact_for"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("adult contact")
        verbose_name_plural = _("adult contacts")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="adult_contact_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} for {self.organisation_id}: {self.status}"


class VerificationApplication(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="applications"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("a note for the municipality"), max_length=1000, blank=True)
    applied_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("verification application")
        verbose_name_plural = _("verification applications")
        constraints = [
            # One application waits at a time.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} of {self.organisation_id}: {self.status}"


class LogEntry(AppendOnly):
    """What staff decided about an organisation, and who asked: written once, kept."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Applied for verification")
        APPROVED = "approved", pgettext_lazy("organisation verification", "Verified")
        REFUSED = "refused", _("Verification refused")
        CONTACT_APPROVED = "contact_approved", _("Adult contact approved")
        CONTACT_REFUSED = "contact_refused", _("Adult contact refused")
        LOGO_REMOVED = "logo_removed", _("Logo removed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation log entry")
        verbose_name_plural = _("organisation log entries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.organisation_id}"
