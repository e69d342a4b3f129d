import textwrap
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belong.places.models import Municipality, Postcode
from belong.places.services import (
    PlaceDataError,
    bounding_box,
    distance_km,
    find_postcode,
    import_postcodes,
)
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory

AALBORG = SimpleNamespace(latitude=57.048, longitude=9.9187)
AARHUS = SimpleNamespace(latitude=56.1567, longitude=10.2108)
SKAGEN = SimpleNamespace(latitude=57.7209, longitude=10.5839)
RONNE = SimpleNamespace(latitude=55.1009, longitude=14.7066)


def test_it_measures_the_distance_between_aalborg_and_aarhus():
    assert distance_km(AALBORG, AARHUS) == pytest.approx(101, abs=2)


def test_the_distance_to_itself_is_zero_and_symmetric():
    assert distance_km(AALBORG, AALBORG) == 0
    assert distance_km(SKAGEN, RONNE) == pytest.approx(distance_km(RONNE, SKAGEN))


danish_points = st.builds(
    SimpleNamespace,
    latitude=st.floats(54.5, 57.8, allow_nan=False),
    longitude=st.floats(8.0, 15.2, allow_nan=False),
)


@given(centre=danish_points, other=danish_points, radius=st.floats(0.5, 300))
def test_the_bounding_box_holds_every_point_within_the_radius(centre, other, radius):
    box = bounding_box(centre, radius)
    if distance_km(centre, other) <= radius:
        assert box.contains(other)


def test_the_bounding_box_is_not_much_larger_than_the_circle():
    box = bounding_box(AALBORG, 10)
    north = SimpleNamespace(latitude=box.max_latitude, longitude=AALBORG.longitude)
    east = SimpleNamespace(latitude=AALBORG.latitude, longitude=box.max_longitude)
    assert distance_km(AALBORG, north) == pytest.approx(10, rel=0.01)
    assert distance_km(AALBORG, east) == pytest.approx(10, rel=0.02)


def test_a_negative_radius_is_refused():
    with pytest.raises(ValueError):
        bounding_box(AALBORG, -1)


def test_find_postcode_tolerates_spaces_and_rejects_nonsense(aalborg_postcode):
    assert find_postcode(" 9000 ") == aalborg_postcode
    assert find_postcode("90 00") == aalborg_postcode
    assert find_postcode("abcd") is None
    assert find_postcode("") is None
    assert find_postcode("1234") is None


def test_licensed_lists_only_running_licences(db):
    running = MunicipalityFactory(code=851, name="Aalborg")
    LicenceFactory(municipality=running)
    ended = MunicipalityFactory(code=751, name="Aarhus")
    LicenceFactory(
        municipality=ended,
        starts_on="2020-01-01",
        ends_on="2021-01-01",
    )
    MunicipalityFactory(code=630, name="Vejle")
    assert list(Municipality.objects.licensed()) == [running]
    assert running.is_licensed()
    assert not ended.is_licensed()


def write(tmp_path, text):
    path = tmp_path / "postnumre.csv"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_import_reads_danish_column_names_and_semicolons(tmp_path, aalborg):
    path = write(
        tmp_path,
        """
        postnr;navn;kommunekode;visueltcenter_x;visueltcenter_y
        9000;Aalborg;851;9,9187;57,048
        9200;Aalborg SV;0851;9,88;57,02
        """,
    )
    created, updated = import_postcodes(path)
    assert (created, updated) == (2, 0)
    sv = Postcode.objects.get(code="9200")
    assert (sv.name, sv.municipality, sv.latitude, sv.longitude) == (
        "Aalborg SV",
        aalborg,
        57.02,
        9.88,
    )
    assert sv.coordinate_source == "import"


def test_import_updates_existing_postcodes(tmp_path, aalborg_postcode):
    path = write(
        tmp_path,
        """
        postcode,name,municipality_code,latitude,longitude
        9000,Aalborg C,851,57.05,9.92
        """,
    )
    assert import_postcodes(path) == (0, 1)
    aalborg_postcode.refresh_from_db()
    assert aalborg_postcode.name == "Aalborg C"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("postnr,navn\n9000,Aalborg\n", "columns"),
        ("postcode,name,municipality_code,latitude,longitude\n9000,A,999,57,9.9\n", "999"),
        ("postcode,name,municipality_code,latitude,longitude\n9000,A,851,40.0,9.9\n", "Denmark"),
        ("postcode,name,municipality_code,latitude,longitude\n90x0,A,851,57,9.9\n", "postcode"),
        ("postcode,name,municipality_code,latitude,longitude\n9000,A,851,abc,9.9\n", "Line 2"),
    ],
)
def test_import_refuses_bad_files_and_writes_nothing(tmp_path, aalborg, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PlaceDataError, match=message):
        import_postcodes(path)
    assert not Postcode.objects.exists()


def test_postcode_factory_is_usable(db):
    assert PostcodeFactory().municipality.region
