"""The claims the provider gives: e-mail, name and the verified birth date."""

from django.conf import settings


def userinfo(claims, user):
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["given_name"] = user.first_name
    claims["name"] = user.first_name
    claims["birthdate"] = settings.OIDC_TEST_BIRTHDATES.get(user.username)
    return claims
