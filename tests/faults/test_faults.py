"""Faults against real processes: an app server killed mid-request, Redis gone, the
database restarted, a disk that fills up. In every case no message is lost or doubled,
pages answer without a 500 (a polite "try again" at most) and everything recovers by itself.
(A task worker killed mid-task: tests/operations/test_recovery.py, with a real worker.)"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from belong.messaging.models import Message
from tests.factories import UserFactory, make_post
from tests.faults.conftest import (
    api_key,
    free_port,
    on_postgresql,
    postgres_bin,
    send_until_stored,
)

# serialized_rollback, as every transactional test here: the next one finds the tables as
# it expects.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def conversation(citizen, aalborg_postcode):
    from belong.messaging.services import start_conversation

    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")
    return start_conversation(
        sender=bo, post=post, body="Hej Anne!", client_token="faults-first"
    ).conversation


@pytest.fixture
def conversations(conversation, aalborg_postcode):
    """`conversations(n)`: n conversations with Anne about the same post, the first the one
    above. Nobody writes more than twice in a row before the other answers, so each message
    of a burst goes to a conversation of its own."""
    from belong.messaging.services import start_conversation

    made = [conversation]

    def make(count: int) -> list:
        while len(made) < count:
            n = len(made)
            friend = UserFactory(
                email=f"ven{n}@example.dk", display_name=f"Ven {n}", postcode=aalborg_postcode
            )
            made.append(
                start_conversation(
                    sender=friend,
                    post=conversation.post,
                    body="Hej Anne!",
                    client_token=f"faults-first-{n}",
                ).conversation
            )
        return made[:count]

    return make


def session_cookie(user) -> dict:
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return {"Cookie": f"{name}={client.cookies[name].value}"}


def assert_stored_once(conversation, tokens):
    """Each of Anne's messages is stored exactly once, in whichever conversation it went to."""
    stored = list(
        Message.objects.filter(sender=conversation.recipient, client_token__in=tokens).values_list(
            "client_token", flat=True
        )
    )
    assert sorted(stored) == sorted(tokens)


def test_an_app_server_killed_mid_request_loses_and_doubles_nothing(
    start_server, conversation, conversations
):
    tokens = [f"kill-{n}-{uuid.uuid4().hex[:6]}" for n in range(12)]
    *burst, last = conversations(len(tokens) + 1)
    server = start_server()
    headers = api_key(conversation.recipient)
    seen: list = []
    clients = [
        threading.Thread(
            target=send_until_stored,
            args=(server, talk.pk, headers, token),
            kwargs={"seen": seen},
        )
        for talk, token in zip(burst, tokens, strict=True)
    ]
    for client in clients:
        client.start()
    # As an out-of-memory kill would: the page worker dies with requests in flight.
    pages, _sockets = server.listener_pids()
    for worker in server.worker_pids(pages):
        os.kill(worker, signal.SIGKILL)
    for client in clients:
        client.join(timeout=90)
    assert_stored_once(conversation, tokens)
    assert 500 not in seen
    # The worker was respawned: the server keeps serving.
    assert server.get("/healthz/live")[0] == 200
    # The whole page listener killed: the supervisor starts it again.
    os.kill(pages, signal.SIGKILL)
    server.wait_until_healthy(seconds=60)
    status, html = server.get("/", headers={"Accept-Language": "da"})
    assert status == 200 and 'lang="da"' in html
    send_until_stored(server, last.pk, headers, "after-restart")
    assert_stored_once(conversation, [*tokens, "after-restart"])


def test_with_redis_gone_pages_search_login_and_sending_keep_working(
    start_server, redis_server, conversation
):
    server = start_server(REDIS_URL=redis_server.url)
    anne = conversation.recipient
    pages = ["/", "/opslag/?q=g%C3%A5tur", f"/beskeder/{conversation.pk}/", "/beskeder/"]
    cookie = session_cookie(anne)
    headers = api_key(anne)
    for path in pages:
        assert server.get(path, headers=cookie)[0] == 200, path
    redis_server.kill()
    for path in pages:
        status, html = server.get(path, headers=cookie)
        assert status == 200, (path, status)
    assert server.get("/accounts/login/")[0] == 200
    send_until_stored(server, conversation.pk, headers, "redis-down", seconds=10)
    # Redis back: nothing to do by hand.
    redis_server.start()
    send_until_stored(server, conversation.pk, headers, "redis-back", seconds=10)
    assert server.get(pages[2], headers=cookie)[0] == 200
    assert_stored_once(conversation, ["redis-down", "redis-back"])


class OwnPostgres:
    """A PostgreSQL of the test's own (initdb, pg_ctl), run by the postgres user when the
    tests run as root, on a free port, holding a copy of the test database."""

    def __init__(self, directory: Path):
        self.directory = directory / "pgdata"
        self.port = free_port()
        self.prefix = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def run(self, *command, **kwargs):
        return subprocess.run([*self.prefix, *command], check=True, timeout=120, **kwargs)

    def init(self) -> None:
        self.directory.mkdir(parents=True)
        if self.prefix:
            shutil.chown(self.directory, "postgres")
            shutil.chown(self.directory.parent, "postgres")
        self.run(
            postgres_bin("initdb"),
            "-D",
            str(self.directory),
            "-A",
            "trust",
            "-U",
            "postgres",
            stdout=subprocess.DEVNULL,
        )

    def pg_ctl(self, action: str) -> None:
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.directory),
            "-w",
            "-m",
            "fast",
            "-o",
            f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(self.directory.parent / "postgres.log"),
            action,
            stdout=subprocess.DEVNULL,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/belong"


@pytest.fixture
def own_postgres(tmp_path):
    if not on_postgresql():
        pytest.skip("restarting the database is tested on PostgreSQL")
    if not (postgres_bin("initdb") and postgres_bin("pg_ctl")):
        pytest.skip("initdb and pg_ctl are not installed")
    # Short: the server's Unix socket path must fit.
    base = Path("/tmp") / f"belong-faults-pg-{uuid.uuid4().hex[:8]}"
    server = OwnPostgres(base)
    server.init()
    server.pg_ctl("start")
    yield server
    try:
        server.pg_ctl("stop")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def copy_test_database(target: OwnPostgres) -> None:
    """The test database, schema and rows, into the test's own PostgreSQL."""
    settings = connection.settings_dict
    source = (
        f"postgres://{settings.get('USER') or 'postgres'}@{settings.get('HOST') or '127.0.0.1'}"
        f":{settings.get('PORT') or 5432}/{settings['NAME']}"
    )
    subprocess.run(
        ["psql", f"{target.url[: -len('/belong')]}/postgres", "-qc", "CREATE DATABASE belong"],
        check=True,
        timeout=60,
    )
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", source],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", target.url],
        input=dump,
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
    )


def test_the_database_restarted_answers_try_again_then_recovers(
    start_server, own_postgres, conversation
):
    anne = conversation.recipient
    cookie = session_cookie(anne)
    headers = api_key(anne)
    copy_test_database(own_postgres)
    server = start_server(DATABASE_URL=own_postgres.url, CONN_MAX_AGE="60")
    assert server.get(f"/beskeder/{conversation.pk}/", headers=cookie)[0] == 200
    send_until_stored(server, conversation.pk, headers, "before-restart", seconds=10)

    own_postgres.pg_ctl("stop")
    status, html = server.get(f"/beskeder/{conversation.pk}/", headers=cookie)
    assert status == 503, status
    assert "Prøv igen om et øjeblik" in html
    assert server.get("/healthz/ready")[0] == 503
    own_postgres.pg_ctl("start")

    # Persistent connections are found broken and opened again: no manual step.
    assert server.get(f"/beskeder/{conversation.pk}/", headers=cookie)[0] == 200
    seen = send_until_stored(server, conversation.pk, headers, "after-restart", seconds=30)
    assert 500 not in seen
    check = subprocess.run(
        [
            "psql",
            "-tA",
            own_postgres.url,
            "-c",
            "SELECT client_token FROM messaging_message WHERE client_token LIKE '%-restart'"
            " ORDER BY client_token",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.split()
    assert check == ["after-restart", "before-restart"]


@pytest.fixture
def small_disk(tmp_path):
    if on_postgresql():
        pytest.skip("the disk-full write is tested on SQLite")
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip("no tmpfs could be mounted here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_answers_try_again_and_keeps_nothing_half_written(
    start_server, small_disk, conversation, conversations
):
    anne = conversation.recipient
    fine, *full = conversations(6)
    headers = api_key(anne)
    cookie = session_cookie(anne)
    # The test database, copied whole onto the small disk (SQLite's online backup).
    target = small_disk / "belong.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    server = start_server(DATABASE_URL=f"sqlite:///{target}")
    send_until_stored(server, fine.pk, headers, "disk-fine", seconds=10)

    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    statuses = set()
    for n in range(5):
        try:
            status, html = server.request(
                "POST",
                f"/api/v1/conversations/{full[n].pk}/messages",
                body={"body": "x" * 4000, "client_token": f"disk-full-{n}"},
                headers=headers,
            )
        except OSError:
            status = "connection"
        statuses.add(status)
    page_status, page = server.get(f"/beskeder/{conversation.pk}/", headers=cookie)
    assert 500 not in statuses
    assert 503 in statuses, statuses  # the polite "try again"
    assert page_status in (200, 503)

    filler.unlink()
    for n in range(5):
        send_until_stored(server, full[n].pk, headers, f"disk-full-{n}", seconds=30)
    with sqlite3.connect(target) as check:
        stored = [
            row[0]
            for row in check.execute(
                "SELECT client_token FROM messaging_message WHERE client_token LIKE 'disk-%'"
                " ORDER BY client_token"
            )
        ]
    assert stored == ["disk-fine", *[f"disk-full-{n}" for n in range(5)]]
