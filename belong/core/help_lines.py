"""Help lines outside Belong, for a person who feels let down or alone: one data file
(`help_lines.json`) holds every name and number, so they are checked and changed in one place."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).with_name("help_lines.json")

# What each line offers, in words for the reader (the names and numbers are in the file).
ABOUT = {
    "boernetelefonen": _("Free and anonymous, for children and young people, day and night."),
    "cyberhus": _("Chat with an adult about anything, for children and young people."),
    "livslinien": _("Talk anonymously with someone when life feels hard."),
}


@dataclass(frozen=True)
class HelpLine:
    key: str
    name: str
    phone: str
    url: str

    @property
    def tel(self) -> str:
        """The number as a `tel:` link wants it."""
        return "+45" + "".join(self.phone.split()) if self.phone else ""

    @property
    def about(self) -> str:
        return str(ABOUT.get(self.key, ""))


@cache
def _load() -> dict[str, list[HelpLine]]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {group: [HelpLine(**line) for line in lines] for group, lines in raw.items()}


def help_lines_for(user) -> list[HelpLine]:
    """Lines for children and young people to a minor; lines for adults to everyone else."""
    return _load()["youth" if getattr(user, "is_youth", False) else "adult"]
