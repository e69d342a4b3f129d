"""Figures about members for a municipality's statistics: citizens only (never staff), by
the municipality of their home postcode. Counts at a month's end are of the members who
joined before it ended and are still here."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.models import AssistedSignup, Gender, User, years_before
from belong.core import clock
from belong.core.disclosure import Month
from belong.core.figures import counts_by

HOME = "postcode__municipality_id"

# Age bands on the dashboard: (name, label, lowest age, highest age or None).
AGE_BANDS = (
    ("13_17", _("13-17 years"), 13, 17),
    ("18_29", _("18-29 years"), 18, 29),
    ("30_39", _("30-39 years"), 30, 39),
    ("40_49", _("40-49 years"), 40, 49),
    ("50_59", _("50-59 years"), 50, 59),
    ("60_69", _("60-69 years"), 60, 69),
    ("70_plus", _("70 years or older"), 70, None),
)


def _citizens():
    return User.objects.filter(is_staff=False, is_active=True)


def _last_day(end: datetime.datetime) -> datetime.date:
    return timezone.localtime(end).date() - datetime.timedelta(days=1)


class Members:
    name = "members"
    label = _("Members")

    def count(self, municipality) -> int:
        return _citizens().filter(postcode__municipality=municipality).count()

    def count_in(self, municipality, start, end) -> int:
        """Members at the end of the month (who joined before it ended and are still here)."""
        return self.count_by_municipality(start, end).get(municipality.pk, 0)

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_citizens().filter(date_joined__lt=end), HOME)


class NewMembers:
    name = "new_members"
    label = _("New members")

    def count(self, municipality) -> int:
        """New members so far this calendar month."""
        start, end = Month.of(clock.today()).bounds(timezone.get_current_timezone())
        return self.count_in(municipality, start, end)

    def count_in(self, municipality, start, end) -> int:
        return self.count_by_municipality(start, end).get(municipality.pk, 0)

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_citizens().filter(date_joined__gte=start, date_joined__lt=end), HOME)


class MembersOfGender:
    """Members at the month's end who gave this gender (a split of `members`)."""

    def __init__(self, gender: Gender):
        self.gender = gender
        self.name = f"members_gender_{gender.value}"
        self.label = gender.label

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_citizens().filter(date_joined__lt=end, gender=self.gender), HOME)


class MembersOfAge:
    """Members at the month's end whose age on its last day lies in the band."""

    def __init__(self, name: str, label, low: int, high: int | None):
        self.name = f"members_age_{name}"
        self.label = label
        self.low, self.high = low, high

    def count_by_municipality(self, start, end) -> dict[int, int]:
        day = _last_day(end)
        born = Q(birth_date__lte=years_before(day, self.low))
        if self.high is not None:
            born &= Q(birth_date__gt=years_before(day, self.high + 1))
        return counts_by(_citizens().filter(born, date_joined__lt=end), HOME)


class MembersOfUnknownAge:
    name = "members_age_unknown"
    label = _("Age not known")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        day = _last_day(end)
        outside = Q(birth_date__isnull=True) | Q(birth_date__gt=years_before(day, AGE_BANDS[0][2]))
        return counts_by(_citizens().filter(outside, date_joined__lt=end), HOME)


class AssistedSignups:
    name = "assisted_signups"
    label = _("Signed up with a staff member's help")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            AssistedSignup.objects.filter(consented_at__gte=start, consented_at__lt=end),
            "municipality_id",
        )


STATISTICS = [
    Members(),
    NewMembers(),
    *(MembersOfGender(gender) for gender in Gender),
    *(MembersOfAge(*band) for band in AGE_BANDS),
    MembersOfUnknownAge(),
    AssistedSignups(),
]
