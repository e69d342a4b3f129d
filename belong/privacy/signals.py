"""Logging in within the grace period undoes "Slet min konto", and logging in after an
inactivity warning takes the warning back (Django tells us of every login). A citizen
without an e-mail address is told, at every login, until when an unused account is kept:
no e-mail can warn them later."""

from __future__ import annotations

from django.contrib import messages
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


def undo_erasure_on_login(sender, request, user, **kwargs) -> None:
    from belong.privacy.inactivity import forget_warning, kept_until
    from belong.privacy.services import cancel_erasure

    forget_warning(user=user)
    if request is not None and not user.email and not user.is_staff:
        messages.info(
            request,
            _(
                "Good to see you. Your account is kept as long as you use it. If you do not "
                "log in again before %(date)s, we delete it. We cannot send you an e-mail "
                "about it first, so write the date down, or just log in now and then."
            )
            % {"date": date_format(localtime(kept_until(user)), "DATE_FORMAT")},
            fail_silently=True,
        )
    if cancel_erasure(user=user) and request is not None:
        messages.info(
            request,
            _(
                "Welcome back. Your account will not be deleted. Your posts are paused: "
                "you can show them again under My posts."
            ),
        )
