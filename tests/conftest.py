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


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed manifest needs collectstatic; tests serve the sources as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
