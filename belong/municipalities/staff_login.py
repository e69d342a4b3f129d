"""Staff login with the municipality's own identity provider (SAML through allauth): it signs
in the municipality's staff, and nobody else.

- A known identity (its identifier from the identity provider, kept as a SocialAccount)
  signs in its account only while that account is staff: holding a role in the provider's
  municipality when one is configured (`BELONG_STAFF_SAML_MUNICIPALITY`), else any staff
  role.
- A first login links the identity to the staff account whose verified e-mail is the one the
  identity provider gives: the account an administrator gave a role by that e-mail. No
  e-mail, no such account, a citizen's account, or a staff account already linked to another
  identity: the login is refused, kindly.
- It never makes an account and never makes anyone staff; roles are given in Belong only.
- Connecting the identity to a signed-in account is refused: linking happens at login only.
- The second factor stays Belong's: allauth asks for the authenticator after this login as
  after a password, and staff pages check it (belong/core/second_factor.py).
"""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount
from django.http import HttpRequest
from django.template.response import TemplateResponse

from belong.accounts.models import User
from belong.municipalities.models import StaffRole

logger = logging.getLogger(__name__)
SAML = "saml"


def municipality_code(sociallogin) -> int | None:
    """The code of the municipality whose staff this identity provider signs in, if any."""
    code = str(sociallogin.provider.app.settings.get("belong_municipality") or "")
    return int(code) if code.isdigit() else None


def may_sign_in(user: User, *, municipality: int | None) -> bool:
    """True when `user` may sign in through the identity provider of `municipality`."""
    if not user.is_active:
        return False
    if municipality is not None:
        return StaffRole.objects.filter(user=user, municipality__code=municipality).exists()
    return user.is_superuser or (user.is_staff and user.staff_roles.exists())


def staff_member_for(email: str, *, municipality: int | None) -> User | None:
    """The staff account with this verified e-mail that may sign in, or None."""
    email = email.strip()
    if not email:
        return None
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    if address is None or address.user.email.lower() != email.lower():
        return None
    user = address.user
    return user if may_sign_in(user, municipality=municipality) else None


def refuse(request: HttpRequest, reason: str) -> None:
    logger.warning("Staff login with the identity provider refused: %s", reason)
    response = TemplateResponse(
        request, "municipalities/staff_login_refused.html", {"reason": reason}, status=403
    )
    raise ImmediateHttpResponse(response.render())


def check_staff_login(request: HttpRequest, sociallogin) -> None:
    """Refuse a login through the identity provider unless it signs in a staff member; link
    the identity to the staff account with its e-mail at the first login. The other
    providers pass untouched."""
    if sociallogin.provider.id != SAML:
        return
    municipality = municipality_code(sociallogin)
    if sociallogin.state.get("process") == "connect":
        refuse(request, "connect")
    if not sociallogin.account.uid:
        refuse(request, "no identifier in the answer")
    if sociallogin.is_existing:
        if not may_sign_in(sociallogin.user, municipality=municipality):
            refuse(request, "not staff")
        return
    user = staff_member_for(sociallogin.user.email or "", municipality=municipality)
    if user is None:
        refuse(request, "no staff member with that e-mail")
        return
    if SocialAccount.objects.filter(user=user, provider=sociallogin.account.provider).exists():
        refuse(request, "linked to another identity")
    sociallogin.connect(request, user)
