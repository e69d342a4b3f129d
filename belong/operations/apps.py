from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "belong.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        # Register the task reaper and the after-restore steps.
        from belong.operations import backup, recovery  # noqa: F401
