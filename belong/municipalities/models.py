"""Municipal staff: who holds which role in which municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaffRole(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        MODERATOR = "moderator", _("Moderator")
        IT_SUPPORTER = "it_supporter", _("IT supporter")
        FACILITATOR = "facilitator", _("Facilitator")
        ANALYST = "analyst", _("Analyst")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("staff member"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="staff_role_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} in {self.municipality_id}"


class HelpRequestQuerySet(models.QuerySet["HelpRequest"]):
    def open(self) -> HelpRequestQuerySet:
        return self.filter(handled_at__isnull=True)


class HelpRequest(models.Model):
    """A citizen asks the municipality's IT support for help, by e-mail or a call back.

    It lives with the municipality's staff tools: the IT supporters who answer it hold a
    role in that municipality, and the request may come from someone without an account.
    """

    class Contact(models.TextChoices):
        EMAIL = "email", _("Write to me by e-mail")
        PHONE = "phone", _("Call me on the phone")

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="help_requests",
        verbose_name=_("municipality"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("citizen"),
    )
    name = models.CharField(_("name"), max_length=80)
    contact = models.CharField(_("contact"), max_length=5, choices=Contact.choices)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    description = models.TextField(_("what you need help with"), max_length=1000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["municipality", "handled_at", "created_at"])]

    def __str__(self) -> str:
        return f"Help request {self.pk} in {self.municipality_id}"
