"""The municipality's page lists the organisations it has verified (belong.municipalities.local)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from belong.municipalities.local import LocalItem, LocalSection, register_local_section
from belong.organisations.listing import find_organisations

SHOWN = 12


def _verified(viewer, municipality, start, end) -> list[LocalItem]:
    organisations = find_organisations(viewer=viewer, municipality=municipality, verified_only=True)
    return [
        LocalItem(
            title=organisation.name,
            url=reverse("organisation_detail", args=[organisation.pk]),
            summary=Truncator(organisation.description).chars(160),
        )
        for organisation in organisations[:SHOWN]
    ]


def register() -> None:
    register_local_section(
        LocalSection(
            key="organisations",
            heading=_("Verified clubs and organisations"),
            items=_verified,
            in_newsletter=False,
            order=20,
        )
    )
