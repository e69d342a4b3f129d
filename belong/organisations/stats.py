"""Figures about organisations for a municipality's statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.organisations.models import Follow, Organisation


class VerifiedOrganisations:
    name = "verified_organisations"
    label = _("Verified organisations")

    def count(self, municipality) -> int:
        return Organisation.objects.filter(
            municipality=municipality, verified_at__isnull=False
        ).count()


class OrganisationFollowers:
    name = "organisation_followers"
    label = _("Citizens following an organisation")

    def count(self, municipality) -> int:
        return (
            Follow.objects.filter(organisation__municipality=municipality)
            .values("user")
            .distinct()
            .count()
        )


STATISTICS = [VerifiedOrganisations(), OrganisationFollowers()]
