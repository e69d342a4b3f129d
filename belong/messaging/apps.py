from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "belong.messaging"
    verbose_name = "Messaging"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from belong.messaging.live import warm_unread_count

        # Count the unread messages once at login, so pages find the header's figure in the
        # cache and keep their query budgets.
        user_logged_in.connect(warm_unread_count, dispatch_uid="messaging_warm_unread")
        from belong.messaging import outbox  # noqa: F401  (registers the outbox's reaper)
        from belong.messaging.responsiveness import register_ranking_signal

        register_ranking_signal()
