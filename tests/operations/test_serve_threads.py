"""`belong serve` bounds the threads of a page worker, and so its database connections:
granian's own default (256 a worker) let 200 citizens open more connections than
PostgreSQL's default of 100 (bench/load.py)."""

import pytest
from django.core.management import CommandError

from belong.core.management.commands.serve import Command, granian_command


def option(command: list[str], name: str) -> str | None:
    return command[command.index(name) + 1] if name in command else None


def test_a_page_worker_runs_on_the_threads_asked_for():
    command = granian_command(interface="wsgi", host="127.0.0.1", port=8000, workers=2, threads=6)
    assert option(command, "--blocking-threads") == "6"
    assert option(command, "--workers") == "2"
    # Keep-alive connections count against granian's backpressure: it stays at its default.
    assert "--backpressure" not in command


def test_the_default_keeps_two_workers_within_postgresqls_default_connections():
    command = granian_command(interface="wsgi", host="127.0.0.1", port=8000, workers=2)
    assert 2 * int(option(command, "--blocking-threads")) <= 20


def test_the_websocket_listener_keeps_granians_single_thread():
    command = granian_command(interface="asgi", host="127.0.0.1", port=8001, workers=1)
    assert "--blocking-threads" not in command


def test_no_threads_is_refused_plainly():
    with pytest.raises(CommandError, match="--threads"):
        Command().listener("wsgi", "127.0.0.1", 8000, 2, 0)
