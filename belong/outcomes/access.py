"""Who may read the outcome figures: analysts and administrators of a municipality; who may
download the tables: an analyst there with a data agreement in force (a researcher)."""

from __future__ import annotations

from django.http import Http404

from belong.accounts.models import User
from belong.core import clock
from belong.municipalities.models import StaffRole
from belong.municipalities.services import municipalities_for
from belong.outcomes.models import DataAgreement
from belong.places.models import Municipality

READER_ROLES = (StaffRole.Role.ANALYST, StaffRole.Role.ADMINISTRATOR)


def readable_municipalities(user: User):
    return municipalities_for(user, *READER_ROLES).order_by("name")


def get_municipality_for_reader(user: User, pk: int) -> Municipality:
    """A municipality whose outcome figures `user` may read, or 404."""
    municipality = readable_municipalities(user).filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


def agreement_in_force(user: User, municipality: Municipality) -> DataAgreement | None:
    today = clock.today()
    if not municipalities_for(user, StaffRole.Role.ANALYST).filter(pk=municipality.pk).exists():
        return None
    return DataAgreement.objects.filter(
        researcher=user, municipality=municipality, starts_on__lte=today, ends_on__gte=today
    ).first()


def get_municipality_for_researcher(user: User, pk: int) -> Municipality:
    """A municipality whose tables `user` may download (analyst there, agreement in force),
    or 404."""
    municipality = get_municipality_for_reader(user, pk)
    if agreement_in_force(user, municipality) is None:
        raise Http404
    return municipality
