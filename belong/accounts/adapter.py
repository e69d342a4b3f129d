"""Belong's allauth adapter: password lockouts that slow an attacker without locking out
the account's owner.

allauth counts failed passwords per account ("5/5m/key"), so anyone who knows an e-mail
address could keep its owner out. Here that count is per account AND address: guesses from
elsewhere do not lock out the owner at home. A second, more generous count per account from
any address (BELONG_LIMIT_LOGIN_FAILED_ACCOUNT) slows guessing spread over many addresses; while
it holds, the owner still gets in with a code sent to their e-mail (login by code has limits
of its own). A lockout answers 429 with Retry-After: the login form again, with what was
typed and a kind word about the code.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from django.conf import settings
from django.urls import get_resolver
from django.utils.translation import gettext as _

ACCOUNT_ACTION = "login_failed_account"


def _retry_after(rates: str) -> int:
    """The longest window among `rates`: by then every count that stopped the login is gone."""
    parsed = ratelimit.parse_rates(rates)
    return int(max((rate.duration for rate in parsed), default=60))


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Per account and address together (allauth counts per account alone).
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def _account_key(self, request, **credentials) -> str:
        return super()._get_login_attempts_cache_key(request, **credentials)

    def pre_authenticate(self, request, **credentials) -> None:
        config = settings.ACCOUNT_RATE_LIMITS
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=self._get_login_attempts_cache_key(request, **credentials),
        )
        if not self._login_failed_rl_usage:
            self._locked_out(request, config.get("login_failed") or "")
        self._account_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=ACCOUNT_ACTION,
            config=config,
            key=self._account_key(request, **credentials),
        )
        if not self._account_rl_usage:
            self._login_failed_rl_usage.rollback()
            self._locked_out(request, config.get(ACCOUNT_ACTION) or "")

    def _rollback_login_failed_rl_usage(self) -> None:
        # A right password takes back its own attempt from both counts (as allauth does).
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_rl_usage", None)
        if usage:
            usage.rollback()

    def _locked_out(self, request, rates: str):
        # The site's answer to a passed limit (urls.handler429): the form again, as typed.
        rate_limited = get_resolver().resolve_error_handler(429)

        message = _(
            "For your safety, logging in with a password is paused for a while after several "
            "wrong passwords. You can log in right away with a code sent to your e-mail: "
            "choose to get a sign-in code below."
        )
        raise ImmediateHttpResponse(
            rate_limited(request, message=message, retry_after=_retry_after(rates))
        )
