from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "belong.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.socialaccount.signals import social_account_added

        from belong.accounts.identity import on_account_connected

        # Connecting MitID to an existing account brings its verified birth date.
        social_account_added.connect(on_account_connected, dispatch_uid="accounts-mitid-added")
