from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "belong.safety"
    verbose_name = "Safety"
