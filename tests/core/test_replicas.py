"""Read replicas: reads go to a replica, except for a person who has just written."""

import os
import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from belong.accounts.models import User
from belong.core.replicas import PIN_COOKIE, PrimaryAfterWriteMiddleware, PrimaryAfterWriteRouter

router = PrimaryAfterWriteRouter()


@pytest.fixture
def replicas(settings):
    settings.REPLICA_DATABASES = ["replica0", "replica1"]
    settings.BELONG_PRIMARY_PIN_SECONDS = 15


def serve(request, *, write=False):
    """Run a view through the middleware; it records where its reads went."""
    seen = {}

    def view(request):
        seen["before"] = router.db_for_read(User)
        if write:
            seen["write"] = router.db_for_write(User)
        seen["after"] = router.db_for_read(User)
        return HttpResponse("ok")

    response = PrimaryAfterWriteMiddleware(view)(request)
    return seen, response


def test_a_plain_read_goes_to_a_replica(replicas):
    seen, response = serve(RequestFactory().get("/opslag/"))
    assert seen["before"] in {"replica0", "replica1"}
    assert seen["after"] in {"replica0", "replica1"}
    assert PIN_COOKIE not in response.cookies


def test_after_a_write_the_person_reads_from_the_primary(replicas):
    seen, response = serve(RequestFactory().get("/beskeder/"), write=True)
    assert seen["write"] == "default"
    assert seen["after"] == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 15
    # The next page (after the redirect) reads from the primary too.
    factory = RequestFactory()
    factory.cookies[PIN_COOKIE] = "1"
    seen, response = serve(factory.get("/beskeder/1/"))
    assert seen["before"] == "default"
    # A read does not prolong the pin: it ends when the replicas have caught up.
    assert PIN_COOKIE not in response.cookies


def test_a_change_reads_from_the_primary_from_the_start(replicas):
    seen, response = serve(RequestFactory().post("/opslag/nyt/"))
    assert seen["before"] == "default"
    assert PIN_COOKIE in response.cookies


def test_tasks_and_commands_outside_a_request_use_the_primary(replicas):
    assert router.db_for_read(User) == "default"
    assert router.allow_migrate("replica0", "posts") is False
    assert router.allow_migrate("default", "posts") is True


def test_without_replicas_everything_stays_on_the_primary(settings):
    settings.REPLICA_DATABASES = []
    seen, _response = serve(RequestFactory().get("/"))
    assert seen["before"] == "default"


def test_replica_urls_configure_the_router_and_pooling_settings():
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://belong@db1:6432/belong",
        "DATABASE_REPLICA_URLS": "postgres://belong@db2:6432/belong,postgres://belong@db3/belong",
        "DATABASE_TRANSACTION_POOLING": "true",
    }
    code = (
        "from django.conf import settings as s; import django; django.setup();"
        "print(sorted(s.DATABASES), s.DATABASE_ROUTERS, s.MIDDLEWARE[0],"
        " s.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS'],"
        " s.DATABASES['replica1']['HOST'], s.DATABASES['replica1']['TEST'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "belong.settings"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "['default', 'replica0', 'replica1']" in out
    assert "belong.core.replicas.PrimaryAfterWriteRouter" in out
    assert "PrimaryAfterWriteMiddleware" in out
    assert "True db3 {'MIRROR': 'default'" in out
