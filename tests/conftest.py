"""Personas and places shared by the whole suite."""

import os

import pytest

from tests.factories import (
    LicenceFactory,
    MunicipalityFactory,
    PostcodeFactory,
    RegionFactory,
    UserFactory,
    years_ago,
)

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make
# beside it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _speak_plain_http() -> None:
    """Production's HTTPS-only defaults (DEBUG is off here too) would send every request of
    the test client, the live server and the WSGI app that tests import to https://; the
    suite speaks plain HTTP, as BELONG_ALLOW_PLAIN_HTTP would. Done on import, before any
    test module builds its application (middleware reads these settings once)."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


_speak_plain_http()


@pytest.fixture
def aalborg(db):
    region = RegionFactory(code=1081, name="Region Nordjylland", name_en="North Denmark Region")
    municipality = MunicipalityFactory(code=851, name="Aalborg", region=region, population=221000)
    LicenceFactory(municipality=municipality)
    return municipality


@pytest.fixture
def aalborg_postcode(aalborg):
    return PostcodeFactory(
        code="9000", name="Aalborg", municipality=aalborg, latitude=57.048, longitude=9.9187
    )


@pytest.fixture
def vejle_postcode(db):
    """A postcode in a municipality without a licence."""
    region = RegionFactory(
        code=1083, name="Region Syddanmark", name_en="Region of Southern Denmark"
    )
    vejle = MunicipalityFactory(code=630, name="Vejle", region=region, population=120000)
    return PostcodeFactory(
        code="7100", name="Vejle", municipality=vejle, latitude=55.7113, longitude=9.5357
    )


@pytest.fixture
def citizen(aalborg_postcode):
    return UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)


@pytest.fixture
def minor(aalborg_postcode):
    return UserFactory(
        email="sofie@example.dk",
        display_name="Sofie",
        birth_date=years_ago(14),
        postcode=aalborg_postcode,
    )


@pytest.fixture
def outsider(aalborg_postcode):
    return UserFactory(email="outsider@example.dk", display_name="Ole", postcode=aalborg_postcode)


# Strong password hashing is slow on purpose; the suite has no attacker to slow down.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed manifest needs collectstatic; tests serve the sources as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _fresh_places():
    # Postcode ids differ from test to test; forget the radius sets of the last one.
    from belong.places.nearby import forget_places

    forget_places()


@pytest.fixture
def nordjylland(db):
    """Three real places: Aalborg 9000, Nørresundby 9400 (about 3 km), Hjørring 9800 (45 km)."""
    region = RegionFactory(code=1081, name="Region Nordjylland", name_en="North Denmark Region")
    aalborg = MunicipalityFactory(code=851, name="Aalborg", region=region)
    hjorring = MunicipalityFactory(code=860, name="Hjørring", region=region)
    for municipality in (aalborg, hjorring):
        LicenceFactory(municipality=municipality)
    return {
        "9000": PostcodeFactory(
            code="9000", name="Aalborg", municipality=aalborg, latitude=57.048, longitude=9.9187
        ),
        "9400": PostcodeFactory(
            code="9400",
            name="Nørresundby",
            municipality=aalborg,
            latitude=57.0667,
            longitude=9.9167,
        ),
        "9800": PostcodeFactory(
            code="9800",
            name="Hjørring",
            municipality=hjorring,
            latitude=57.4642,
            longitude=9.9823,
        ),
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    from belong.places.statements import forget_statements

    cache.clear()
    forget_statements()
    yield
    cache.clear()


@pytest.fixture
def short_lived_connections():
    """Connections opened by server and worker threads close after each request, so that no
    thread keeps the test database busy when it is torn down (PostgreSQL refuses that)."""
    from django.db import connections

    saved = connections.settings["default"].get("CONN_MAX_AGE", 0)
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    yield
    connections.settings["default"]["CONN_MAX_AGE"] = saved


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # No test is stopped by a limit by accident; tests of a limit set a tight rate themselves.
    settings.BELONG_RATE_LIMITS = {scope: "10000/m" for scope in settings.BELONG_RATE_LIMITS}
