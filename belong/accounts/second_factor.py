"""Setting up the second factor staff pages need: afterwards straight on to the staff page."""

from __future__ import annotations

from allauth.account.utils import get_next_redirect_url
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib import messages
from django.utils.translation import gettext as _

# Marks the message that offers the recovery codes (base.html links to them).
RECOVERY_CODES_TAG = "recovery-codes"


class ActivateAuthenticatorView(ActivateTOTPView):
    """allauth's page for setting up an authenticator app, which went on to the recovery codes
    whatever page the staff member was heading to. With a `next` page it goes there, and offers
    the recovery codes in a message."""

    def get_success_url(self) -> str:
        next_url = get_next_redirect_url(self.request)
        if not next_url:
            return super().get_success_url()
        text = _("Your authenticator app is set up.")
        if self.did_generate_recovery_codes:
            messages.success(
                self.request,
                _(
                    "Your authenticator app is set up. Keep your recovery codes somewhere "
                    "safe: they let you in on a day without your phone."
                ),
                extra_tags=RECOVERY_CODES_TAG,
            )
        else:
            messages.success(self.request, text)
        return next_url

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["next_url"] = get_next_redirect_url(self.request) or ""
        return context


activate_authenticator = ActivateAuthenticatorView.as_view()
