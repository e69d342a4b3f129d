from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "belong.support"
    verbose_name = _("Support from a facilitator")

    def ready(self):
        from belong.support.after_silence import register

        # The offer after silence or a kind no: suggestions and an activity nearby.
        register()
