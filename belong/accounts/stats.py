"""Figures about members for a municipality's statistics: citizens only (never staff), by
the municipality of their home postcode."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.models import User
from belong.core import clock
from belong.core.disclosure import Month


def _citizens(municipality):
    return User.objects.filter(postcode__municipality=municipality, is_staff=False, is_active=True)


class Members:
    name = "members"
    label = _("Members")

    def count(self, municipality) -> int:
        return _citizens(municipality).count()

    def count_in(self, municipality, start, end) -> int:
        """Members at the end of the month (who joined before it ended and are still here)."""
        return _citizens(municipality).filter(date_joined__lt=end).count()


class NewMembers:
    name = "new_members"
    label = _("New members")

    def count(self, municipality) -> int:
        """New members so far this calendar month."""
        start, end = Month.of(clock.today()).bounds(timezone.get_current_timezone())
        return self.count_in(municipality, start, end)

    def count_in(self, municipality, start, end) -> int:
        return _citizens(municipality).filter(date_joined__gte=start, date_joined__lt=end).count()


STATISTICS = [Members(), NewMembers()]
