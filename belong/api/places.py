"""Places: regions, municipalities (and whether they offer Belong), postcode lookup. Public."""

from __future__ import annotations

from django.http import Http404
from ninja import Router

from belong.api.common import PUBLIC_ERRORS, Closed
from belong.places.models import Municipality, Region
from belong.places.services import find_postcode

router = Router(tags=["places"], auth=None)


class RegionOut(Closed):
    code: int
    name: str


class MunicipalityOut(Closed):
    code: int
    name: str
    display_name: str
    region_code: int
    offers_belong: bool


class PostcodeOut(Closed):
    code: str
    name: str
    latitude: float
    longitude: float
    municipality: MunicipalityOut


def municipality_out(municipality: Municipality, licensed: set[int]) -> dict:
    return {
        "code": municipality.code,
        "name": municipality.name,
        "display_name": municipality.display_name,
        "region_code": municipality.region.code,
        "offers_belong": municipality.pk in licensed,
    }


def _licensed_ids() -> set[int]:
    return set(Municipality.objects.licensed().values_list("pk", flat=True))


@router.get("/places/regions", response={200: list[RegionOut], **PUBLIC_ERRORS}, summary="Regions")
def regions(request):
    return [{"code": r.code, "name": r.name} for r in Region.objects.order_by("code")]


@router.get(
    "/places/municipalities",
    response={200: list[MunicipalityOut], **PUBLIC_ERRORS},
    summary="Municipalities, optionally of one region",
)
def municipalities(request, region: int | None = None):
    found = Municipality.objects.select_related("region").order_by("name")
    if region is not None:
        found = found.filter(region__code=region)
    licensed = _licensed_ids()
    return [municipality_out(m, licensed) for m in found]


@router.get(
    "/places/postcodes/{code}",
    response={200: PostcodeOut, **PUBLIC_ERRORS},
    summary="Look up a postcode",
)
def postcode(request, code: str):
    found = find_postcode(code)
    if found is None:
        raise Http404
    municipality = found.municipality
    return {
        "code": found.code,
        "name": found.name,
        "latitude": found.latitude,
        "longitude": found.longitude,
        "municipality": municipality_out(
            municipality, {municipality.pk} if municipality.is_licensed() else set()
        ),
    }
