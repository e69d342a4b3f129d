from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "belong.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from belong.operations import recovery  # noqa: F401  (registers the task reaper)
