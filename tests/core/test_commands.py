import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management import call_command

from tests.core.test_settings import PRODUCTION


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_prepares_everything_and_prints_the_logins(db, capsys, settings, monkeypatch):
    # The demo points e-mail links at its port (tests/core/test_links.py); undone afterwards.
    monkeypatch.setenv("BELONG_BASE_URL", "")
    monkeypatch.delenv("BELONG_BASE_URL")
    settings.BELONG_BASE_URL = ""
    call_command("demo", no_serve=True, citizens=30)
    out = capsys.readouterr().out
    assert "98 municipalities" in out
    assert "300 posts" in out
    assert "http://127.0.0.1:8000/" in out
    assert "borger@demo.belong.dk" in out
    call_command("demo", no_serve=True, citizens=30)
    assert "nothing added" in capsys.readouterr().out


@pytest.fixture
def production_env(tmp_path):
    skip = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(PRODUCTION)
    env.update(
        {"BELONG_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "127.0.0.1", "BEHIND_TLS_PROXY": "true"}
    )
    return env


def test_serve_runs_belong_in_granian(production_env):
    # Migrating is the deploy step, before any app server starts.
    subprocess.run(
        [sys.executable, "-m", "belong", "migrate", "--no-input", "-v0"],
        env=production_env,
        check=True,
        timeout=120,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "belong",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=production_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Starting collects and compresses the static files first (half a minute here).
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:  # noqa: S310
                    assert r.status == 200
                    assert b'"database": "ok"' in r.read()
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    # Stopped first: a server that still runs would never close its output.
                    server.terminate()
                    raise AssertionError(server.communicate(timeout=30)[0]) from None
                time.sleep(0.3)
        # Behind the TLS proxy, as in production.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=5) as r:  # noqa: S310
            html = r.read().decode()
            assert "max-age=31536000" in r.headers["Strict-Transport-Security"]
            assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert '<html lang="da">' in html
        assert "/static/belong/belong." in html
        # WebSockets have their own ASGI listener on the next port.
        with urllib.request.urlopen(f"http://127.0.0.1:{port + 1}/healthz", timeout=5) as r:  # noqa: S310
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_refuses_the_default_secret_key(production_env):
    production_env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "-m", "belong", "serve", "--port", str(free_port())],
        env=production_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "belong.E001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "check"),
    [("SECRET_KEY", "abc", "belong.E003"), ("ALLOWED_HOSTS", "*", "belong.E004")],
)
def test_serve_refuses_a_weak_key_and_any_host(production_env, variable, value, check):
    production_env[variable] = value
    result = subprocess.run(
        [sys.executable, "-m", "belong", "serve", "--port", str(free_port())],
        env=production_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert check in result.stdout + result.stderr


def test_serve_refuses_to_start_before_migrations_are_applied(production_env):
    result = subprocess.run(
        [sys.executable, "-m", "belong", "serve", "--port", str(free_port())],
        env=production_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "migrations are not applied" in result.stdout + result.stderr
    assert "belong migrate" in result.stdout + result.stderr


def test_serve_binds_this_machine_only_unless_told_otherwise(monkeypatch):
    from belong.core.management.commands.serve import Command

    monkeypatch.delenv("BELONG_HOST", raising=False)
    parser = Command().create_parser("belong", "serve")
    assert parser.parse_args([]).host == "127.0.0.1"
    assert parser.parse_args([]).interface == "split"
    monkeypatch.setenv("BELONG_HOST", "10.0.0.5")
    assert Command().create_parser("belong", "serve").parse_args([]).host == "10.0.0.5"
