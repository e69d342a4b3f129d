"""Real processes for the fault tests: `belong serve` started by the test on the test
database (committed data: the tests are transactional), a Redis of the test's own, and on
PostgreSQL a PostgreSQL of its own that a test may restart."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.operations.conftest import RedisServer, free_port, redis_server  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once for every server the fault tests start."""
    data = tmp_path_factory.mktemp("faults-data")
    env = {**os.environ, "BELONG_DATA_DIR": str(data), "DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "belong", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    return data


class BelongServer:
    """`belong serve` in its own process: pages over WSGI on `port`, WebSockets on port+1."""

    def __init__(self, *, env: dict):
        self.env = env
        self.port = free_port()
        while True:
            try:
                import socket

                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", self.port + 1))
                break
            except OSError:
                self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        # The server's output goes to a file: a pipe nobody reads would fill up and stall
        # the server the moment it logs more than the pipe holds.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "belong",
                "serve",
                "--skip-checks",
                "--port",
                str(self.port),
                "--workers",
                "1",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.wait_until_healthy()

    def wait_until_healthy(self, seconds: float = 60) -> float:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            try:
                status, _ = self.get("/healthz/live")
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            if self.process.poll() is not None:
                raise AssertionError(self.output())
            time.sleep(0.1)
        raise AssertionError(f"belong serve did not answer: {self.output()[-3000:]}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def request(self, method, path, *, body=None, headers=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers=headers or {}
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def listener_pids(self) -> list[int]:
        """The granian processes `belong serve` supervises (pages first)."""
        out = subprocess.run(
            ["ps", "-o", "pid=,args=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout
        lines = sorted(out.splitlines(), key=lambda line: "wsgi" not in line)
        return [int(line.split()[0]) for line in lines if "granian" in line]

    def worker_pids(self, listener: int) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(listener)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def serve_env(static_root, short_lived_connections):
    """The environment of a server on the test database, as production runs it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(
        DATABASE_URL=database_url(connection.settings_dict),
        # The test's sessions are valid there: the same key signs them.
        SECRET_KEY=django_settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BELONG_DATA_DIR=str(static_root),
        BELONG_ALLOW_PLAIN_HTTP="true",
        CHANNELS_PREFIX=f"faults-{uuid.uuid4().hex[:8]}",
        CONN_MAX_AGE="0",
        LOG_LEVEL="ERROR",
        # The tests send a burst from one person; limits are tested elsewhere.
        BELONG_LIMIT_MESSAGE="",
        BELONG_LIMIT_SEARCH="",
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.fixture
def start_server(serve_env):
    servers = []

    def start(**extra) -> BelongServer:
        server = BelongServer(env={**serve_env, **extra})
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


def api_key(user) -> dict:
    from belong.accounts.services import create_api_token

    _token, raw = create_api_token(user=user, name="faults")
    return {"Authorization": f"Bearer {raw}"}


def send_until_stored(server, conversation_id, headers, token, *, seconds=60, seen=None):
    """A client that keeps trying one message with its idempotency key until it is stored,
    as the pages' form and the apps do. Returns every HTTP status it met."""
    seen = seen if seen is not None else []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _body = server.request(
                "POST",
                f"/api/v1/conversations/{conversation_id}/messages",
                body={"body": f"Besked {token}", "client_token": token},
                headers=headers,
            )
        except OSError:
            status = "connection"
        seen.append(status)
        if status == 201:
            return seen
        time.sleep(0.2)
    raise AssertionError(f"message {token} never stored: {seen[-5:]}")


def postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None
