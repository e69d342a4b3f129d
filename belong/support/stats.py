"""Figures about facilitator support for a municipality's statistics: how many asked, and
how long it took until a facilitator took the request on and until it was closed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.figures import counts_by, median_minutes_by
from belong.support.models import SupportRequest

PLACE = "municipality_id"


class SupportRequests:
    name = "support_requests"
    label = _("Requests for support from a facilitator")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            SupportRequest.objects.filter(created_at__gte=start, created_at__lt=end), PLACE
        )


def _taken_on(start, end):
    return SupportRequest.objects.filter(assigned_at__gte=start, assigned_at__lt=end)


class SupportTakenOn:
    """The n behind the median wait: requests a facilitator took on in the month."""

    name = "support_taken_on"
    label = _("Support requests taken on by a facilitator")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_taken_on(start, end), PLACE)


class SupportWaitMedian:
    name = "support_wait_median_minutes"
    label = _("Median wait for a facilitator (minutes)")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        rows = _taken_on(start, end).order_by().values_list(PLACE, "created_at", "assigned_at")
        return median_minutes_by(rows.iterator(chunk_size=5000))


STATISTICS = [SupportRequests(), SupportTakenOn(), SupportWaitMedian()]
