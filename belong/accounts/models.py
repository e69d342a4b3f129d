"""Citizens' accounts: who they are, where they live and what they care about."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import HasInterests


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years between birth_date and day (a 29 February birthday counts on 1 March)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")
    UNSPECIFIED = "unspecified", _("Prefer not to say")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields["is_staff"] = True
        fields["is_superuser"] = True
        fields.setdefault("display_name", "Admin")
        return self._create_user(email, password, **fields)


class User(HasInterests, AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=40,
        help_text=_("The name other people see. Your first name is fine."),
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED
    )
    postcode = models.ForeignKey(
        "places.Postcode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("home postcode"),
    )
    about = models.TextField(_("about me"), max_length=2000, blank=True)
    interest_mask = models.BigIntegerField(_("interests"), default=0)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def municipality(self):
        return self.postcode.municipality if self.postcode_id else None

    def age(self, today: datetime.date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        return age_on(self.birth_date, today or timezone.localdate())

    @property
    def is_youth(self) -> bool:
        """Under 18: belongs in the protected youth space."""
        age = self.age()
        return age is not None and age < 18

    @property
    def age_band(self) -> str:
        """A coarse age, e.g. "30-39", never the exact birth date."""
        age = self.age()
        if age is None:
            return ""
        if age < 18:
            return "13-17"
        if age < 20:
            return "18-19"
        low = age // 10 * 10
        return f"{low}-{low + 9}"


class ApiToken(models.Model):
    """A personal key for the JSON API. Only a digest is stored: the token itself is shown
    once, when it is made; the short prefix lets its owner tell their keys apart."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
