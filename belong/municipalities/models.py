"""The municipality's tools: staff roles and their log, help requests, its page,
announcements, and the newsletter with its consents and deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.core import clock


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


class StaffRoleChangeQuerySet(models.QuerySet["StaffRoleChange"]):
    def update(self, **kwargs):
        raise PermissionError("The staff-role log is append-only.")

    def delete(self):
        raise PermissionError("The staff-role log is append-only.")


class StaffRoleChange(models.Model):
    """One grant or removal of a staff role: written once, never changed or deleted."""

    class Change(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REMOVED = "removed", _("Removed")

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="staff_role_changes",
        verbose_name=_("municipality"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="staff_role_changes",
        verbose_name=_("staff member"),
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.Role.choices)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = StaffRoleChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff-role change")
        verbose_name_plural = _("staff-role log")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.change} {self.role} for {self.user_id} in {self.municipality_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The staff-role log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The staff-role log is append-only.")


class LandingPage(models.Model):
    """What the municipality's staff write on its page, /kommune/<slug>/."""

    municipality = models.OneToOneField(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="landing_page",
        verbose_name=_("municipality"),
    )
    welcome = models.TextField(
        _("welcome text"),
        max_length=3000,
        blank=True,
        help_text=_("A few warm lines for citizens who come from the municipality's website."),
    )
    it_support = models.TextField(
        _("how to get IT support"),
        max_length=1000,
        blank=True,
        help_text=_("E.g. a phone number, opening hours, or where to come by for help."),
    )
    facilitators = models.TextField(
        _("about the facilitators"),
        max_length=1000,
        blank=True,
        help_text=_("Who the facilitators are and how they can support citizens."),
    )
    privacy_notice_url = models.URLField(
        _("privacy notice URL"),
        blank=True,
        help_text=_("The municipality's privacy notice for Belong."),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("municipality page")
        verbose_name_plural = _("municipality pages")

    def __str__(self) -> str:
        return f"Page of {self.municipality_id}"


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def current(self, now=None) -> AnnouncementQuerySet:
        now = now or clock.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class Announcement(models.Model):
    """News from the municipality's staff, shown to its citizens from start to end."""

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=2000)
    starts_at = models.DateTimeField(_("shown from"))
    ends_at = models.DateTimeField(_("shown until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "ends_at", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="announcement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Newsletter(models.Model):
    """One month's newsletter of a municipality, in Danish and (optionally) English."""

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="newsletters",
        verbose_name=_("municipality"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    subject_da = models.CharField(_("subject in Danish"), max_length=150)
    body_da = models.TextField(_("text in Danish"), max_length=10000)
    subject_en = models.CharField(_("subject in English"), max_length=150, blank=True)
    body_en = models.TextField(
        _("text in English"),
        max_length=10000,
        blank=True,
        help_text=_("Readers who chose English get the Danish text when this is empty."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    send_requested_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month"], name="newsletter_once_a_month"
            )
        ]

    def __str__(self) -> str:
        return self.subject_da

    @property
    def is_sending_or_sent(self) -> bool:
        return self.send_requested_at is not None


class NewsletterDelivery(models.Model):
    """One reader's copy of a newsletter: made once per person, so a second send is none."""

    newsletter = models.ForeignKey(
        Newsletter,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("newsletter"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="newsletter_deliveries",
        verbose_name=_("citizen"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "user"], name="newsletter_delivery_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Newsletter {self.newsletter_id} to {self.user_id}"
