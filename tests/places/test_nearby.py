"""Radius sets: every postcode within the distance, by the same great-circle distance as
everywhere else, whichever radius around a centre is asked for first."""

import random

from belong.places.models import Postcode
from belong.places.nearby import forget_places, postcodes_within
from belong.places.services import distance_km, load_places


def test_every_radius_holds_exactly_the_postcodes_within_it(db):
    load_places()
    forget_places()
    postcodes = list(Postcode.objects.only("id", "latitude", "longitude"))
    rng = random.Random(7)
    for centre in rng.sample(postcodes, 25):
        # Several radii around one centre, in no particular order, down to its own point.
        for radius in rng.sample([0.0, 0.5, 3, 10, 25, 50, 120, 400, rng.uniform(0, 60)], 9):
            expected = {p.pk for p in postcodes if distance_km(centre, p) <= radius}
            assert postcodes_within(centre.latitude, centre.longitude, radius) == expected
    assert centre.pk in postcodes_within(centre.latitude, centre.longitude, 0.0)
