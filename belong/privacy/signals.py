"""Logging in within the grace period undoes "Slet min konto", and logging in after an
inactivity warning takes the warning back (Django tells us of every login)."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _


def undo_erasure_on_login(sender, request, user, **kwargs) -> None:
    from belong.privacy.inactivity import forget_warning
    from belong.privacy.services import cancel_erasure

    forget_warning(user=user)
    if cancel_erasure(user=user) and request is not None:
        messages.info(
            request,
            _(
                "Welcome back. Your account will not be deleted. Your posts are paused: "
                "you can show them again under My posts."
            ),
        )
