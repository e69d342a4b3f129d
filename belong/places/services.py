"""Places operations: distances, search boxes and loading the place data."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.db import transaction

from belong.places.models import Municipality, Postcode, Region, municipality_slug

DATA_DIR = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0088


class Located(Protocol):
    latitude: float
    longitude: float


def distance_km(a: Located, b: Located) -> float:
    """Great-circle (haversine) distance in kilometres between two located things."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float

    def contains(self, place: Located) -> bool:
        return (
            self.min_latitude <= place.latitude <= self.max_latitude
            and self.min_longitude <= place.longitude <= self.max_longitude
        )


def bounding_box(centre: Located, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within radius_km of centre.

    Used as a cheap, indexable pre-filter before the exact haversine distance.
    """
    if radius_km < 0:
        raise ValueError("radius_km must not be negative")
    lat = math.radians(centre.latitude)
    angular = radius_km / EARTH_RADIUS_KM
    min_lat, max_lat = lat - angular, lat + angular
    if min_lat <= -math.pi / 2 or max_lat >= math.pi / 2:
        # The circle holds a pole: every longitude is inside.
        return BoundingBox(
            math.degrees(max(min_lat, -math.pi / 2)),
            math.degrees(min(max_lat, math.pi / 2)),
            -180.0,
            180.0,
        )
    delta_lon = math.asin(min(1.0, math.sin(angular) / math.cos(lat)))
    return BoundingBox(
        math.degrees(min_lat),
        math.degrees(max_lat),
        math.degrees(math.radians(centre.longitude) - delta_lon),
        math.degrees(math.radians(centre.longitude) + delta_lon),
    )


def find_postcode(code: str) -> Postcode | None:
    """The postcode with this code, or None; tolerant of spaces around it."""
    code = (code or "").strip().replace(" ", "")
    if not (len(code) == 4 and code.isdigit()):
        return None
    return Postcode.objects.select_related("municipality__region").filter(code=code).first()


# --- Loading ------------------------------------------------------------------------------

COLUMN_ALIASES = {
    "postcode": ("postcode", "postnr", "postnummer", "nr", "zip"),
    "name": ("name", "navn", "by", "town"),
    "municipality_code": ("municipality_code", "kommunekode", "kommune_kode", "kommunenr"),
    "latitude": ("latitude", "lat", "visueltcenter_y", "breddegrad"),
    "longitude": ("longitude", "lon", "lng", "visueltcenter_x", "laengdegrad", "længdegrad"),
    "coordinate_source": ("coordinate_source",),
}


class PlaceDataError(ValueError):
    """A place data file that cannot be loaded; the message says which row and why."""


def _column_map(header: Iterable[str]) -> dict[str, str]:
    lowered = {h.strip().lower(): h for h in header}
    found: dict[str, str] = {}
    for field, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in lowered:
                found[field] = lowered[alias]
                break
    missing = {"postcode", "name", "municipality_code", "latitude", "longitude"} - set(found)
    if missing:
        raise PlaceDataError(
            "The file lacks the columns: {columns}".format(columns=", ".join(sorted(missing)))
        )
    return found


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


@transaction.atomic
def import_postcodes(path: Path, *, default_source: str = "import") -> tuple[int, int]:
    """Create or update postcodes from a CSV file; returns (created, updated).

    Accepts our own column names and the common Danish ones (postnr, navn, kommunekode,
    visueltcenter_x/y). Every row is checked before anything is written.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        reader = csv.DictReader(handle, dialect=_sniff_dialect(sample))
        columns = _column_map(reader.fieldnames or [])
        municipalities = {m.code: m for m in Municipality.objects.all()}
        rows = []
        for line, row in enumerate(reader, start=2):
            try:
                code = row[columns["postcode"]].strip().zfill(4)
                municipality_code = int(row[columns["municipality_code"]])
                latitude = float(row[columns["latitude"]].replace(",", "."))
                longitude = float(row[columns["longitude"]].replace(",", "."))
            except (TypeError, ValueError, AttributeError) as error:
                raise PlaceDataError(f"Line {line}: {error}") from error
            if not (len(code) == 4 and code.isdigit()):
                raise PlaceDataError(f"Line {line}: {code} is not a postcode")
            if municipality_code not in municipalities:
                raise PlaceDataError(f"Line {line}: unknown municipality code {municipality_code}")
            if not (54.0 <= latitude <= 58.0 and 7.5 <= longitude <= 15.5):
                raise PlaceDataError(f"Line {line}: the coordinates are not in Denmark")
            source_column = columns.get("coordinate_source")
            rows.append(
                {
                    "code": code,
                    "name": row[columns["name"]].strip(),
                    "municipality": municipalities[municipality_code],
                    "latitude": latitude,
                    "longitude": longitude,
                    "coordinate_source": (row.get(source_column) if source_column else "")
                    or default_source,
                }
            )
    existing = {p.code: p for p in Postcode.objects.all()}
    created = [Postcode(**row) for row in rows if row["code"] not in existing]
    updated = []
    for row in rows:
        postcode = existing.get(row["code"])
        if postcode is not None:
            for field, value in row.items():
                setattr(postcode, field, value)
            updated.append(postcode)
    Postcode.objects.bulk_create(created, batch_size=500)
    Postcode.objects.bulk_update(
        updated,
        ["name", "municipality", "latitude", "longitude", "coordinate_source"],
        batch_size=500,
    )
    from belong.places.nearby import forget_places

    transaction.on_commit(forget_places)
    return len(created), len(updated)


@transaction.atomic
def load_places(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Load (or refresh) the regions, municipalities and postcodes shipped with Belong."""
    with open(data_dir / "regions.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(
                code=int(row["code"]), defaults={"name": row["name"], "name_en": row["name_en"]}
            )
    regions = {r.code: r for r in Region.objects.all()}
    with open(data_dir / "municipalities.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Municipality.objects.update_or_create(
                code=int(row["code"]),
                defaults={
                    "name": row["name"],
                    "region": regions[int(row["region_code"])],
                    "population": int(row["population"] or 0),
                },
                # An address the operator changed in the admin stays as they set it.
                create_defaults={
                    "name": row["name"],
                    "slug": municipality_slug(row["name"]),
                    "region": regions[int(row["region_code"])],
                    "population": int(row["population"] or 0),
                },
            )
    import_postcodes(data_dir / "postcodes.csv", default_source="shipped")
    return {
        "regions": Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "postcodes": Postcode.objects.count(),
    }
