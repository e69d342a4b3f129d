"""A server of the tests' own (an identity provider) run as a real process on a free port,
for as long as a block lasts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(
    module: str, *, env: dict[str, str], log_path: Path, ready_url, seconds: float = 30
) -> Iterator[int]:
    """`python -m module PORT` with `env` added to this environment (without Django's
    settings module: it has its own), until `ready_url(port)` answers; yields the port. A
    process that stops or does not answer in time fails the test with its log."""
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", module, str(port)],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + seconds
            while True:
                try:
                    if requests.get(ready_url(port), timeout=2).ok:
                        break
                except requests.ConnectionError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log_path.read_text())
                time.sleep(0.1)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)
