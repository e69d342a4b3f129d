"""Which postcodes lie within a distance of another: the unit of every radius search.

Posts and citizens are placed at their postcode's centre, so "within 10 km" is a set of
postcodes, kept in memory per (centre, radius). Each centre's distances to the thousand or
so postcodes are worked out once, nearest first, so every radius around it (the search's
and the five of the reach rule) is a cut of that list. Databases then filter on an indexed
postcode id instead of on coordinates.
"""

from __future__ import annotations

import math
import threading
from array import array
from bisect import bisect_right
from functools import lru_cache

from belong.places.services import EARTH_RADIUS_KM

_lock = threading.Lock()
_points: list[tuple[int, float, float]] | None = None
_by_id: dict[int, tuple[float, float]] | None = None
_in_radians: list[tuple[int, float, float, float]] | None = None


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


def _radians() -> list[tuple[int, float, float, float]]:
    """(id, latitude, longitude in radians, cosine of the latitude) of every postcode."""
    global _in_radians
    if _in_radians is None:
        _in_radians = [
            (pk, math.radians(lat), math.radians(lon), math.cos(math.radians(lat)))
            for pk, lat, lon in _all_points()
        ]
    return _in_radians


@lru_cache(maxsize=2048)
def _nearest_first(latitude: float, longitude: float) -> tuple[array, array]:
    """Every postcode's distance from the centre, nearest first: (distances, ids). The
    sum is `places.services.distance_km`'s, step for step, so the figures are the same."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)
    cos1 = math.cos(lat1)
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    pairs = []
    for pk, lat2, lon2, cos2 in _radians():
        h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin((lon2 - lon1) / 2) ** 2
        pairs.append((2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h))), pk))
    pairs.sort()
    return array("d", [km for km, _pk in pairs]), array("q", [pk for _km, pk in pairs])


@lru_cache(maxsize=8192)
def postcodes_within(latitude: float, longitude: float, radius_km: float) -> frozenset[int]:
    distances, ids = _nearest_first(latitude, longitude)
    return frozenset(ids[: bisect_right(distances, radius_km)])


_forgotten_with_places: list = []


def kept_until_places_change(function):
    """Cache a function of postcodes (its arguments hashable) until `forget_places`."""
    cached = lru_cache(maxsize=4096)(function)
    _forgotten_with_places.append(cached)
    return cached


def forget_places() -> None:
    """Call after the postcodes change (tests, imports)."""
    global _points, _by_id, _in_radians
    with _lock:
        _points = None
        _by_id = None
        _in_radians = None
    postcodes_within.cache_clear()
    _nearest_first.cache_clear()
    for cached in _forgotten_with_places:
        cached.cache_clear()
