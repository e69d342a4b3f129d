"""Which postcodes lie within a distance of another: the unit of every radius search.

Posts and citizens are placed at their postcode's centre, so "within 10 km" is a set of
postcodes, computed once per (postcode, radius) from about a thousand points and kept in
memory. Databases then filter on an indexed postcode id instead of on coordinates.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from belong.places.services import bounding_box, distance_km

_lock = threading.Lock()
_points: list[tuple[int, float, float]] | None = None
_by_id: dict[int, tuple[float, float]] | None = None


class _Point:
    __slots__ = ("latitude", "longitude")

    def __init__(self, latitude: float, longitude: float):
        self.latitude = latitude
        self.longitude = longitude


def _all_points() -> list[tuple[int, float, float]]:
    global _points
    if _points is None:
        from belong.places.models import Postcode

        with _lock:
            if _points is None:
                _points = list(Postcode.objects.values_list("id", "latitude", "longitude"))
    return _points


def postcode_point(pk: int) -> tuple[float, float] | None:
    """(latitude, longitude) of a postcode's centre, from the same cached list."""
    global _by_id
    if _by_id is None:
        _by_id = {point[0]: (point[1], point[2]) for point in _all_points()}
    return _by_id.get(pk)


@lru_cache(maxsize=8192)
def postcodes_within(latitude: float, longitude: float, radius_km: float) -> frozenset[int]:
    centre = _Point(latitude, longitude)
    box = bounding_box(centre, radius_km)
    found = set()
    for pk, lat, lon in _all_points():
        if box.min_latitude <= lat <= box.max_latitude and (
            box.min_longitude <= lon <= box.max_longitude
        ):
            if distance_km(centre, _Point(lat, lon)) <= radius_km:
                found.add(pk)
    return frozenset(found)


_forgotten_with_places: list = []


def kept_until_places_change(function):
    """Cache a function of postcodes (its arguments hashable) until `forget_places`."""
    cached = lru_cache(maxsize=4096)(function)
    _forgotten_with_places.append(cached)
    return cached


def forget_places() -> None:
    """Call after the postcodes change (tests, imports)."""
    global _points, _by_id
    with _lock:
        _points = None
        _by_id = None
    postcodes_within.cache_clear()
    for cached in _forgotten_with_places:
        cached.cache_clear()
