from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "belong.privacy"
    verbose_name = "Privacy"
