"""What can be reported: each app that owns such a thing lists it in its own `reports.py`
(`REPORT_TARGETS`), and moderation asks the target, never a chain of ifs over the apps."""

from __future__ import annotations

import datetime
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core.plugins import collect


class ReportTarget(Protocol):
    name: str  # stored in Report.target, e.g. "post"
    can_hide: bool  # whether moderation can hide it (a profile cannot be)

    def get(self, pk: int) -> object | None:
        """The reported thing, or None when it is gone."""

    def person(self, obj) -> User | None:
        """Who is behind it: the person the report is about."""

    def check_reporter(self, reporter: User, obj) -> None:
        """Raise Http404 when `reporter` may not report `obj` at all."""

    def is_hidden(self, pk: int) -> bool: ...

    def hide(self, pk: int, *, now: datetime.datetime) -> None: ...

    def unhide(self, pk: int, *, now: datetime.datetime) -> None: ...


def report_targets() -> dict[str, ReportTarget]:
    return {target.name: target for target in collect("reports", "REPORT_TARGETS")}


def report_target(name: str) -> ReportTarget:
    found = report_targets().get(name)
    if found is None:
        raise ValidationError(_("This cannot be reported."))
    return found
