"""Who may report whom: a rule about people. Where a report may be made from (a post one can
see, a conversation one is in) is for moderation to find out; this is what holds for all."""

from __future__ import annotations

from django.utils.translation import gettext as _

from belong.accounts.models import User


def report_refusal(reporter: User, reported: User | None) -> str | None:
    """Why `reporter` may not report `reported`, in words for the reporter, or None."""
    if reported is None or reported.pk == reporter.pk:
        return _("You cannot report yourself.")
    return None
