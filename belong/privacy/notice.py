"""The privacy notice of a municipality, built from the registry: what every app keeps and
why (`DATA_HELD`, `PURPOSE` in its `privacy.py`), and how long, read from the very settings
its retention rules read (`RETENTION_PERIODS`), so the page and the deletions never differ."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import ngettext

from belong.privacy.registry import entries


@dataclass(frozen=True)
class Category:
    app: str
    data: str
    purpose: str


@dataclass(frozen=True)
class Period:
    rule: str
    what: str
    setting: str
    value: int
    text: str


def _duration(setting: str, value: int) -> str:
    if setting.endswith("_MONTHS"):
        return ngettext("%(count)d month", "%(count)d months", value) % {"count": value}
    return ngettext("%(count)d day", "%(count)d days", value) % {"count": value}


def categories() -> list[Category]:
    """What each part of Belong keeps about a citizen, and why."""
    return [
        Category(
            app=entry.__name__.split(".")[1], data=str(entry.DATA_HELD), purpose=str(entry.PURPOSE)
        )
        for entry in entries()
        if hasattr(entry, "PERSONAL_DATA_MODELS")
    ]


def periods() -> list[Period]:
    """Every retention rule with the period its setting holds now."""
    found = []
    for entry in entries():
        app = entry.__name__.split(".")[1]
        for rule, (setting, what) in getattr(entry, "RETENTION_PERIODS", {}).items():
            value = int(getattr(settings, setting))
            found.append(
                Period(
                    rule=f"{app}.{rule}",
                    what=str(what),
                    setting=setting,
                    value=value,
                    text=_duration(setting, value),
                )
            )
    return found


def erasure_grace() -> str:
    return _duration("BELONG_ERASURE_GRACE_DAYS", settings.BELONG_ERASURE_GRACE_DAYS)
