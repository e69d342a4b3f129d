"""Places named in the search box: "gåtur aarhus", "strik i Vadum", "kaffe Aarhus N",
"walks in Copenhagen". A municipality's or a postcode town's name among the search words
becomes where the search looks, and the other words are what it looks for; the results
say so, with a link to search the words as typed (where a post only mentions the place).

Names are read with the search words' spelling tolerance (case, accents, aa for å) and a
hyphen as a space. A town whose name is also an everyday word ("Give", "Hals", "Ry") or a
word search knows by itself stays a search word: "give" in a search is about giving.
Municipalities' names and the country's always count."""

from __future__ import annotations

from dataclasses import dataclass

from belong.places.models import Municipality, Postcode
from belong.places.nearby import kept_until_places_change
from belong.posts import analysis

# The longest name, in words ("Kirke Såby", "Ringkøbing Skjern", "Kongens Lyngby").
MAX_NAME_WORDS = 3
# Words that may follow a municipality's name and belong to it.
MUNICIPALITY_WORDS = frozenset({"kommune", "kommunen", "kommunes", "municipality"})
# Town names that are everyday words in Danish or English: a search for "give" or "hals"
# is about giving or necks. The shipped words and the concepts' words count as well.
EVERYDAY_NAMES = frozenset(
    """
    agger arden balle brande bred borre broby flemming fur give gram hals hammel hejls
    hemmet henne holme holte humble lem lemming lind lunde løsning malling mern mørke ringe
    rude ry sand skals stege strib sunds tarm them tim tune vandel vig vils vorbasse
    """.split()
)
# The whole country, as people name it: a search of all of Denmark.
COUNTRY_NAMES = ("danmark", "denmark", "hele danmark", "hele landet")
# A place after "til" or "fra" is where someone goes or comes from ("en tur til Skagen",
# "jeg er fra Aarhus"), not where to look; after "flyttet til" it is where they live now.
AWAY_WORDS = frozenset({"til", "to", "fra", "from", "mod", "towards"})
MOVED_WORDS = frozenset({"flyttet", "flytter", "flyttede", "flytte", "moved", "moving"})
# "ny i Aarhus" is "ny i byen" in Aarhus: these words before a place ask for newcomers.
NEWCOMER = {"ny": "byen", "new": "town"}
# What else people call a place.
ALIASES = {
    "kbh": "København",
    "cph": "København",
    "copenhagen": "København",
    "elsinore": "Helsingør",
    "nordfyn": "Nordfyns",
    "vesthimmerland": "Vesthimmerlands",
}


@dataclass(frozen=True)
class NamedPlace:
    label: str  # as written: "Aarhus", "Vadum", "Aarhus N"
    postcode: str  # where "near" is measured from, or a postcode in the municipality
    municipality: bool  # the name is a municipality's: the search covers all of it
    country: bool = False  # the whole country


@dataclass(frozen=True)
class PlaceInText:
    place: NamedPlace
    rest: str  # the other words, as typed


def _key(name: str) -> tuple[str, ...]:
    return tuple(analysis.normalise(word) for word in analysis.WORD.findall(name))


@kept_until_places_change
def named_places() -> dict[tuple[str, ...], NamedPlace]:
    """Every name a search may mean a place by, as normalised words."""
    found: dict[tuple[str, ...], NamedPlace] = {}
    postcodes = sorted(Postcode.objects.values_list("code", "name", "municipality_id"))
    # A postcode town is its lowest postcode ("København K": 1050).
    for code, name, _municipality in postcodes:
        found.setdefault(_key(name), NamedPlace(label=name, postcode=code, municipality=False))
    by_municipality: dict[int, list[tuple[str, str]]] = {}
    for code, name, municipality in postcodes:
        by_municipality.setdefault(municipality, []).append((code, name))
    municipalities = {}
    for pk, name in Municipality.objects.values_list("id", "name"):
        towns = by_municipality.get(pk)
        if not towns:
            continue
        key = _key(name)
        # Measured from the town of the same name ("Aarhus C" for Aarhus), else the lowest.
        code = next((c for c, town in towns if _key(town)[: len(key)] == key), towns[0][0])
        municipalities[name] = NamedPlace(label=name, postcode=code, municipality=True)
        found[key] = municipalities[name]
    for alias, name in ALIASES.items():
        if name in municipalities:
            found.setdefault(_key(alias), municipalities[name])
    for name in COUNTRY_NAMES:
        found[_key(name)] = NamedPlace(label="", postcode="", municipality=False, country=True)
    everyday = EVERYDAY_NAMES | analysis.lexicon() | analysis.STOP_WORDS
    return {
        key: place
        for key, place in found.items()
        if key
        and not (len(key) == 1 and key[0] in everyday and not (place.municipality or place.country))
    }


def read_place(text: str) -> PlaceInText | None:
    """The first place `text` names (its longest name), and the words around it."""
    typed = analysis.WORD.findall(text or "")
    words = [analysis.normalise(word) for word in typed]
    if not words:
        return None
    places = named_places()
    for start in range(len(words)):
        for length in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            place = places.get(tuple(words[start : start + length]))
            if place is None or _away(words[:start]):
                continue
            end = start + length
            if place.municipality and end < len(words) and words[end] in MUNICIPALITY_WORDS:
                end += 1
            before = [word for word in words[:start] if word not in analysis.STOP_WORDS]
            instead = [NEWCOMER[before[-1]]] if before and before[-1] in NEWCOMER else []
            rest = " ".join(typed[:start] + instead + typed[end:])
            return PlaceInText(place=place, rest=rest)
    return None


def _away(before: list[str]) -> bool:
    """Whether a place after these words is a destination or an origin."""
    if not before or before[-1] not in AWAY_WORDS:
        return False
    return not (len(before) >= 2 and before[-2] in MOVED_WORDS and before[-1] in ("til", "to"))
