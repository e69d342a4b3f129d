import pytest
from django.core.management import call_command

from belong.places.models import Municipality, Postcode, Region
from belong.places.services import distance_km, load_places


@pytest.fixture
def places(db):
    return load_places()


def test_the_shipped_data_has_every_region_and_municipality(places):
    assert places["regions"] == 5
    assert places["municipalities"] == 98
    assert places["postcodes"] > 1000
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert min(codes) == 101 and max(codes) == 860
    per_region = {r.code: r.municipalities.count() for r in Region.objects.all()}
    assert per_region == {1081: 11, 1082: 19, 1083: 22, 1084: 29, 1085: 17}


def test_every_municipality_has_a_postcode(places):
    assert not Municipality.objects.filter(postcodes__isnull=True).exists()


@pytest.mark.parametrize(
    ("postcode", "municipality"),
    [
        ("9000", "Aalborg"),
        ("8000", "Aarhus"),
        ("5000", "Odense"),
        ("2100", "København"),
        ("3700", "Bornholm"),
        ("9940", "Læsø"),
        ("6720", "Fanø"),
    ],
)
def test_postcodes_lie_in_the_right_municipality(places, postcode, municipality):
    assert Postcode.objects.get(code=postcode).municipality.name == municipality


def test_coordinates_are_plausible(places):
    aalborg = Postcode.objects.get(code="9000")
    aarhus = Postcode.objects.get(code="8000")
    assert distance_km(aalborg, aarhus) == pytest.approx(100, abs=15)
    assert not Postcode.objects.exclude(latitude__range=(54.5, 57.8)).exists()
    assert not Postcode.objects.exclude(longitude__range=(8.0, 15.2)).exists()


def test_loading_twice_changes_nothing(places):
    assert load_places() == places


def test_the_import_command_loads_a_csv(db, tmp_path, capsys):
    call_command("load_places")
    path = tmp_path / "postnumre.csv"
    path.write_text("postnr;navn;kommunekode;lat;lon\n9000;Aalborg C;851;57.05;9.92\n")
    call_command("import_places", str(path))
    assert "created: 0, updated: 1" in capsys.readouterr().out
    assert Postcode.objects.get(code="9000").name == "Aalborg C"
