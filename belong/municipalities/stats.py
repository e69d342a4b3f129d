"""Figures about the municipality's IT help for its statistics: how many asked, and how long
the IT support took to handle a request."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.figures import counts_by, median_minutes_by
from belong.municipalities.models import HelpRequest

PLACE = "municipality_id"


class HelpRequests:
    name = "help_requests"
    label = _("Requests for IT help")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(
            HelpRequest.objects.filter(created_at__gte=start, created_at__lt=end), PLACE
        )


def _handled(start, end):
    return HelpRequest.objects.filter(handled_at__gte=start, handled_at__lt=end)


class HelpRequestsHandled:
    """The n behind the median: requests the IT support handled in the month."""

    name = "help_requests_handled"
    label = _("IT help requests handled")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_handled(start, end), PLACE)


class HelpHandledMedian:
    name = "help_handled_median_minutes"
    label = _("Median time to handle an IT help request (minutes)")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        rows = _handled(start, end).order_by().values_list(PLACE, "created_at", "handled_at")
        return median_minutes_by(rows.iterator(chunk_size=5000))


STATISTICS = [HelpRequests(), HelpRequestsHandled(), HelpHandledMedian()]
