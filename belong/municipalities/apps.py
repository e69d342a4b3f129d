from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "belong.municipalities"
    verbose_name = _("Municipalities")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from belong.core.second_factor import second_factor_just_set_up

        authenticator_added.connect(second_factor_just_set_up, dispatch_uid="belong-mfa-added")

        from belong.accounts.identity import SOCIAL_LOGIN_CHECKS
        from belong.municipalities.staff_login import check_staff_login

        if check_staff_login not in SOCIAL_LOGIN_CHECKS:
            SOCIAL_LOGIN_CHECKS.append(check_staff_login)
