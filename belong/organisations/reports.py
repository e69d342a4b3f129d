"""An organisation's logo can be reported and hidden like text (moderation finds this
through `REPORT_TARGETS`): hiding it removes the logo from every page; the person behind
it is the organisation's first owner."""

from __future__ import annotations

from belong.core import clock
from belong.organisations.models import Membership, Organisation, Role


class LogoTarget:
    name = "logo"
    can_hide = True

    def get(self, pk):
        return Organisation.objects.filter(pk=pk).exclude(logo="").first()

    def person(self, obj):
        owner = (
            Membership.objects.filter(organisation=obj, role=Role.OWNER)
            .select_related("user")
            .order_by("created_at", "pk")
            .first()
        )
        return owner.user if owner else None

    def check_reporter(self, reporter, obj) -> None:
        return None  # every signed-in citizen sees an organisation's logo

    def is_hidden(self, pk) -> bool:
        return Organisation.objects.filter(pk=pk, logo_hidden_at__isnull=False).exists()

    def hide(self, pk, *, now=None) -> None:
        Organisation.objects.filter(pk=pk, logo_hidden_at__isnull=True).update(
            logo_hidden_at=now or clock.now()
        )

    def unhide(self, pk, *, now=None) -> None:
        Organisation.objects.filter(pk=pk).update(logo_hidden_at=None)


REPORT_TARGETS = [LogoTarget()]
