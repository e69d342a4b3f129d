"""Regions, municipalities, postcodes and which municipalities hold a Belong licence."""

import re
import unicodedata

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.core import clock

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def municipality_slug(name: str) -> str:
    """The name as it reads in a web address: "Lyngby-Taarbæk" is "lyngby-taarbaek".

    Django's slugify would drop æ, ø and å ("lyngby-taarbk"); Danes write them as ae, oe, aa.
    """
    ascii_name = unicodedata.normalize("NFKD", name.translate(DANISH_LETTERS))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


class Region(models.Model):
    code = models.PositiveSmallIntegerField(_("region code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def licensed(self, on=None) -> "MunicipalityQuerySet":
        day = on or clock.today()
        return (
            self.filter(
                licences__starts_on__lte=day,
            )
            .filter(models.Q(licences__ends_on__isnull=True) | models.Q(licences__ends_on__gte=day))
            .distinct()
        )


class Municipality(models.Model):
    code = models.PositiveSmallIntegerField(_("municipality code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("web address name"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the municipality's page address, e.g. aalborg."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    population = models.PositiveIntegerField(_("population"), default=0)
    accessibility_statement_url = models.URLField(
        _("accessibility statement URL"),
        blank=True,
        help_text=_("The municipality's own accessibility statement for Belong, if it has one."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return _("%(name)s Municipality") % {"name": self.name}

    def is_licensed(self, on=None) -> bool:
        return Municipality.objects.licensed(on).filter(pk=self.pk).exists()


class Postcode(models.Model):
    """A Danish postcode, placed in the municipality it mostly lies in."""

    code = models.CharField(_("postcode"), max_length=4, unique=True)
    name = models.CharField(_("town"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="postcodes",
        verbose_name=_("municipality"),
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    coordinate_source = models.CharField(_("source of coordinates"), max_length=40, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Licence(models.Model):
    """A municipality's licence: its citizens may use Belong while it runs."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="licences",
        verbose_name=_("municipality"),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality__name", "-starts_on"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="licence_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.starts_on}–{self.ends_on or '…'})"
