"""Where every app takes part (report targets, the 18th-birthday move, personal data,
statistics), each app says so in a module of its own, `<app>/<name>.py`, and the app that
needs them finds them here: no list of apps to keep, and no import from a lower app up."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps


def plugin_modules(name: str) -> list[ModuleType]:
    """Every Belong app's `<app>.<name>` module, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("belong."):
            continue
        module_name = f"{config.name}.{name}"
        if importlib.util.find_spec(module_name) is not None:
            found.append(importlib.import_module(module_name))
    return found


def collect(name: str, attribute: str) -> list:
    """The entries every app's `<app>.<name>` module lists in `attribute`, in app order."""
    return [entry for module in plugin_modules(name) for entry in getattr(module, attribute)]
