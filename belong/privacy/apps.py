from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "belong.privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from belong.privacy import (
            exports,  # noqa: F401  (registers the given-up export)
            restore,  # noqa: F401  (registers the after-restore step)
        )
        from belong.privacy.signals import undo_erasure_on_login

        user_logged_in.connect(undo_erasure_on_login, dispatch_uid="privacy-undo-erasure")
