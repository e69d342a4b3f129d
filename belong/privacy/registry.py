"""Personal data, app by app. Every app that keeps a person's data says so in its own
`privacy.py`:

- `PERSONAL_DATA_MODELS`: the models that hold it;
- `export(user) -> dict`: what it keeps about `user`, as plain JSON values;
- `erase(user) -> None`: remove or anonymise it (records the law asks us to keep, such as
  the staff-access log and moderation decisions, stay, and the entry says why).

Export and erasure walk the entries; a test fails for a model with personal data that no
entry names."""

from __future__ import annotations

from types import ModuleType

from django.db import transaction

from belong.accounts.models import User
from belong.core.plugins import plugin_modules


def entries() -> list[ModuleType]:
    return plugin_modules("privacy")


def personal_data_models() -> set[type]:
    return {model for entry in entries() for model in entry.PERSONAL_DATA_MODELS}


def export_personal_data(user: User) -> dict[str, dict]:
    """Everything Belong keeps about `user`, by app."""
    return {entry.__name__.split(".")[1]: entry.export(user) for entry in entries()}


@transaction.atomic
def erase_personal_data(user: User) -> None:
    """Erase `user`'s data in every app; the account itself last (accounts comes first)."""
    for entry in reversed(entries()):
        entry.erase(user)
