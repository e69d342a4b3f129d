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
