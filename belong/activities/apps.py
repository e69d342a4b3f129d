from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "belong.activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        # Its list on the municipality's page: registered here, so municipalities never
        # imports this app.
        from belong.activities.local import register

        register()
