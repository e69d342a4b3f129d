from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.socialaccount.admin import SocialAccountAdmin as AllauthSocialAccountAdmin
from allauth.socialaccount.models import SocialAccount, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from belong.accounts.models import AssistedSignup, Consent, User
from belong.core.admin_site import LogsPersonalData


@admin.register(User)
class UserAdmin(LogsPersonalData, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "postcode", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "gender"]
    search_fields = ["email", "display_name"]
    list_select_related = ["postcode"]
    raw_id_fields = ["postcode"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Citizen"),
            {
                "fields": (
                    "display_name",
                    "birth_date",
                    "gender",
                    "postcode",
                    "about",
                    "interest_mask",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AssistedSignup)
class AssistedSignupAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ["citizen", "municipality", "staff", "consented_at"]
    list_filter = ["municipality"]
    raw_id_fields = ["citizen", "staff"]
    readonly_fields = ["consented_at"]

    def person_in(self, obj):
        return obj.citizen


@admin.register(Consent)
class ConsentAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ["pk", "purpose", "given_at", "given_via", "version", "language", "withdrawn_at"]
    list_filter = ["purpose", "given_via", "version", "language"]
    raw_id_fields = ["user"]
    readonly_fields = ["wording", "version", "given_at", "given_via", "withdrawn_at"]

    def person_in(self, obj):
        return obj.user


# allauth's own admins show e-mail addresses and second factors: they log what they open too.
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)
admin.site.unregister(SocialAccount)
# MitID is configured by environment and keeps no tokens (SOCIALACCOUNT_STORE_TOKENS).
admin.site.unregister(SocialToken)


@admin.register(EmailAddress)
class EmailAddressAdmin(LogsPersonalData, AllauthEmailAddressAdmin):
    def person_in(self, obj):
        return obj.user


@admin.register(Authenticator)
class AuthenticatorAdmin(LogsPersonalData, AllauthAuthenticatorAdmin):
    def person_in(self, obj):
        return obj.user


@admin.register(SocialAccount)
class SocialAccountAdmin(LogsPersonalData, AllauthSocialAccountAdmin):
    """A citizen's MitID link (the broker's id for them and the claims it gave)."""

    def person_in(self, obj):
        return obj.user
