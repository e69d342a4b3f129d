"""Staff personas for tests: a role in a municipality, a TOTP authenticator, a signed-in session."""

from __future__ import annotations

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from belong.municipalities.services import grant_role
from tests.factories import UserFactory


def make_staff(municipality, *roles: str, **user_fields):
    """A staff member holding `roles` in `municipality`, with TOTP set up."""
    user = UserFactory(**user_fields)
    for role in roles:
        grant_role(granted_by=None, user=user, municipality=municipality, role=role)
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def sign_in_staff(
    client, user, *, second_factor: bool = True, password_again: bool = False
) -> None:
    """Sign `user` in as allauth would after a password and, by default, a TOTP code.

    `password_again`: the password was just given once more, as allauth asks before an
    authenticator is set up."""
    client.force_login(user)
    session = client.session
    password = {"method": "password", "at": time.time(), "email": user.email}
    if password_again:
        password["reauthenticated"] = True
    records = [password]
    if second_factor:
        records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
