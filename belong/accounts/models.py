"""Citizens' accounts: who they are, where they live and what they care about."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import HasInterests
from belong.core import clock

# The age at which a citizen leaves the youth space for the adult one: the one place it is set.
ADULT_AGE = 18


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` earlier (28 February for a 29 February that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


if TYPE_CHECKING:
    from belong.places.models import Municipality


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
    # Empty (NULL) for citizens without e-mail, signed up with a staff member's help: NULLs
    # never clash in a unique column, and no made-up address can ever be written to.
    email = models.EmailField(  # type: ignore[assignment]  # AbstractUser's is never NULL
        _("e-mail address"), unique=True, null=True, blank=True
    )
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
    # Set by moderators (belong.moderation.services); read on every request by the
    # restriction middleware, so they live on the user row and cost no query.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    banned_at = models.DateTimeField(_("banned"), null=True, blank=True)
    # Set when the birth date came from a verified claim (MitID through an OpenID Connect
    # broker, belong.accounts.identity); the citizen can no longer change it.
    age_verified_at = models.DateTimeField(_("age verified"), null=True, blank=True)
    age_verified_by = models.CharField(_("age verified by"), max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The e-mail address is the login; Django's own manager would ask for a username.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email or f"#{self.pk}"

    def clean(self):
        super().clean()
        # AbstractUser.clean turns a missing address into "", which would clash with the
        # next citizen without e-mail.
        self.email = self.email or None

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def municipality(self) -> Municipality | None:
        return self.postcode.municipality if self.postcode is not None else None

    def age(self, today: datetime.date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        return age_on(self.birth_date, today or clock.today())

    @property
    def age_verified(self) -> bool:
        return self.age_verified_at is not None

    @property
    def is_youth(self) -> bool:
        """Under the adult age: belongs in the protected youth space."""
        age = self.age()
        return age is not None and age < ADULT_AGE

    def is_restricted(self, now: datetime.datetime | None = None) -> bool:
        """Banned, or suspended until a moment still to come."""
        if self.banned_at is not None:
            return True
        now = now or clock.now()
        return self.suspended_until is not None and self.suspended_until > now

    @property
    def age_band(self) -> str:
        """A coarse age, e.g. "30-39", never the exact birth date."""
        from belong.accounts.projections import age_band_text

        return age_band_text(self.age())


class AssistedSignup(models.Model):
    """A citizen's account made by a staff member with the citizen present."""

    citizen = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="assisted_signup", verbose_name=_("citizen")
    )
    staff = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    # What the citizen agreed to is their consent record (purpose "assisted_signup").
    consented_at = models.DateTimeField(_("consent given at"), default=timezone.now)

    class Meta:
        verbose_name = _("assisted sign-up")
        verbose_name_plural = _("assisted sign-ups")

    def __str__(self) -> str:
        return f"Assisted sign-up of {self.citizen_id}"


class PersonalCode(models.Model):
    """A long-lived login for citizens without e-mail: a login name and a code a staff member
    hands them. Only a hash of the code is kept; a new code replaces the old one."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="personal_code", verbose_name=_("citizen")
    )
    login_name = models.CharField(_("login name"), max_length=40, unique=True)
    code_hash = models.CharField(max_length=200)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal code")
        verbose_name_plural = _("personal codes")

    def __str__(self) -> str:
        return self.login_name


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


class ConsentPurpose(models.TextChoices):
    """What a citizen can say yes to, each on its own: one yes never stands for another."""

    TERMS = "terms", _("Terms of use")
    NEWSLETTER = "newsletter", _("Newsletter")
    QUESTIONNAIRES = "questionnaires", _("Answering questionnaires")
    OUTCOME_LINKING = "outcome_linking", _("Linking my answers to my use of Belong")
    RESEARCH = "research", _("Use of my answers in research, in aggregates only")
    ASSISTED_SIGNUP = "assisted_signup", _("Sign-up with help from staff")


class ConsentVia(models.TextChoices):
    SIGNUP = "signup", _("At sign-up")
    PROFILE = "profile", _("On the profile page")
    QUESTIONNAIRE = "questionnaire", _("On the questionnaire page")
    ASSISTED = "assisted", _("With a staff member, the citizen present")
    EMAIL_LINK = "email_link", _("The unsubscribe link in the e-mail")
    ONE_CLICK = "one_click", _("One-click unsubscribe in the mail program")
    API = "api", _("Through the API")


class Consent(models.Model):
    """A citizen's yes to one purpose: the words they were shown, their version and language,
    when and how they said yes, and when and how they withdrew it. A new yes is a new row, so
    the history stays; at most one yes per purpose is open. Changed only through
    belong.accounts.consents."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("citizen")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    wording = models.TextField(_("what the citizen agreed to"))
    version = models.CharField(_("version of the wording"), max_length=20)
    language = models.CharField(_("language"), max_length=5)
    given_at = models.DateTimeField(_("given at"))
    given_via = models.CharField(_("given"), max_length=16, choices=ConsentVia.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_via = models.CharField(
        _("withdrawn"), max_length=16, choices=ConsentVia.choices, blank=True
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_open_per_purpose",
            )
        ]
        indexes = [models.Index(fields=["purpose", "withdrawn_at"], name="consent_open_idx")]

    def __str__(self) -> str:
        return f"Consent {self.pk} ({self.purpose}) of {self.user_id}"

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None
