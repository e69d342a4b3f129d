from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "belong.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        # Its list on the municipality's page: registered here, so municipalities never
        # imports this app.
        from belong.organisations.local import register

        register()
