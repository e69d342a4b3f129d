"""Personal data in accounts: the profile, API keys, assisted sign-up, personal codes and
every consent given or withdrawn.
Erasure anonymises the account (audit rows elsewhere still point at it) and removes keys,
codes and e-mail addresses."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from belong.accounts.models import ApiToken, AssistedSignup, Consent, PersonalCode, User
from belong.core.personal_data import rows

PERSONAL_DATA_MODELS = [User, ApiToken, AssistedSignup, PersonalCode, Consent]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "Your profile: e-mail address, display name, birth date, gender, home postcode, what you "
    "wrote about yourself and your interests; API keys, personal login codes, and the consent "
    "to a staff member's help with signing up."
)
PURPOSE = _("To let you log in, to show others who you are and to keep minors in the youth space.")


def export(user) -> dict:
    return {
        "profile": rows(
            User.objects.filter(pk=user.pk),
            "email",
            "display_name",
            "birth_date",
            "gender",
            "postcode__code",
            "about",
            "date_joined",
        ),
        "interests": list(user.interests),
        "api_keys": rows(ApiToken.objects.filter(user=user), "name", "created_at"),
        "assisted_signup": rows(
            AssistedSignup.objects.filter(citizen=user), "municipality__name", "consented_at"
        ),
        "consents": rows(
            Consent.objects.filter(user=user).order_by("given_at", "pk"),
            "purpose",
            "wording",
            "version",
            "language",
            "given_at",
            "given_via",
            "withdrawn_at",
            "withdrawn_via",
        ),
        "personal_code": rows(PersonalCode.objects.filter(user=user), "login_name", "issued_at"),
        "verified_logins": rows(
            SocialAccount.objects.filter(user=user), "provider", "uid", "date_joined", "last_login"
        ),
    }


def erase(user) -> None:
    ApiToken.objects.filter(user=user).delete()
    Consent.objects.filter(user=user).delete()
    PersonalCode.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(
        email=None,
        display_name="",
        birth_date=None,
        about="",
        postcode=None,
        interest_mask=0,
        age_verified_at=None,
        age_verified_by="",
        is_active=False,
        password=make_password(None),  # unusable: no password opens it again
    )
