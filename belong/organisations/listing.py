"""Finding organisations: the listing's one queryset, with its filters."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from belong.accounts.interests import interests_to_mask
from belong.accounts.models import User
from belong.organisations.models import Organisation
from belong.places.models import Municipality


def find_organisations(
    *,
    viewer: User,
    text: str = "",
    interest: str = "",
    interests: list[str] | tuple[str, ...] = (),
    municipality: Municipality | None = None,
    region_id: int | None = None,
    verified_only: bool = False,
    ages: str = "",
) -> QuerySet[Organisation]:
    """The listing's one queryset: filters by words in the name or description, interest
    (or any of `interests`), municipality or region, verification and ages; a young person
    sees the ones that welcome them."""
    queryset = Organisation.objects.for_listing()
    # PostgreSQL takes no NUL in a text; nobody types one on purpose.
    words = (text or "").replace("\x00", "").split()[:8]
    for word in words:
        queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if interest or interests:
        mask = interests_to_mask([interest] if interest else list(interests))
        if mask:
            queryset = queryset.alias(shared=F("interest_mask").bitand(mask)).filter(shared__gt=0)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if region_id is not None:
        queryset = queryset.filter(municipality__region_id=region_id)
    if verified_only:
        queryset = queryset.verified()
    if ages:
        queryset = queryset.filter(ages=ages)
    if viewer.is_authenticated and viewer.is_youth:
        queryset = queryset.exclude(ages="adults")
    return queryset.order_by("-verified_at", "name", "pk")
