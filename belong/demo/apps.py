from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only the `demo` and `seed` commands: no models, no pages."""

    name = "belong.demo"
    verbose_name = "Demo"
