"""Serve Belong in production with granian, supervised, configured from the environment.

Pages go over WSGI and WebSockets over ASGI (the split measured in bench/load.py: Django's
ASGI handler runs each request through a thread executor and serves a page several times
slower). `belong serve` starts both listeners as child processes and restarts either when it
exits; granian itself respawns a worker that dies (an out-of-memory kill, a crash).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from belong.core.links import follow_serving_address
from belong.core.static_files import collect_static

INTERFACES = ("split", "wsgi", "asgi")


def run_granian(*, host: str, port: int, workers: int, interface: str) -> None:
    """One granian in this process (the demo's embedded server)."""
    from granian import Granian
    from granian.constants import Interfaces

    target = "belong.asgi:application" if interface == "asgi" else "belong.wsgi:application"
    Granian(
        target,
        address=host,
        port=port,
        workers=workers,
        interface=Interfaces.ASGINL if interface == "asgi" else Interfaces.WSGI,
        respawn_failed_workers=True,
        respawn_interval=1.0,
    ).serve()


def granian_command(
    *, interface: str, host: str, port: int, workers: int, threads: int = 8
) -> list[str]:
    """The command line of one listener: granian as its own process, workers respawned.

    A WSGI worker runs its requests on `threads` threads; the rest wait their turn. Each
    thread keeps its own database connection, so one listener holds at most
    workers x threads of them. granian's own
    default (half of the backlog per worker, 256) let 200 citizens open more connections
    than PostgreSQL's default 100 allows (measured in bench/load.py)."""
    if interface == "asgi":
        target, kind = "belong.asgi:application", "asginl"
        pool: list[str] = []
    else:
        target, kind = "belong.wsgi:application", "wsgi"
        # Not --backpressure: granian counts open keep-alive connections against it, so
        # citizens beyond it would wait for others to leave.
        pool = ["--blocking-threads", str(threads)]
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        kind,
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--respawn-failed-workers",
        "--respawn-interval",
        "1",
        *pool,
        "--no-ws" if kind == "wsgi" else "--ws",
        target,
    ]


@dataclass
class Listener:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    delay: float = 0.5
    restarts: int = 0
    history: list[int] = field(default_factory=list)


class Supervisor:
    """Keeps every listener running: one that exits is started again, after a pause that
    doubles while it keeps failing at once (up to 30 s) and resets once it has run a while."""

    def __init__(self, listeners: list[Listener], *, write=print):
        self.listeners = listeners
        self.write = write
        self.stopping = False

    def start(self, listener: Listener) -> None:
        listener.process = subprocess.Popen(listener.command)  # noqa: S603
        listener.started_at = time.monotonic()

    def stop(self, *_args) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for listener in self.listeners:
            self.start(listener)
        restart_at: dict[str, float] = {}
        while not self.stopping:
            now = time.monotonic()
            for listener in self.listeners:
                process = listener.process
                if process is not None and process.poll() is not None:
                    code = process.returncode
                    listener.history.append(code)
                    listener.process = None
                    if now - listener.started_at > 60:
                        listener.delay = 0.5
                    self.write(
                        f"{listener.name} exited with {code}; starting it again "
                        f"in {listener.delay:.1f} s"
                    )
                    restart_at[listener.name] = now + listener.delay
                    listener.delay = min(listener.delay * 2, 30.0)
                if listener.process is None and now >= restart_at.get(listener.name, 0):
                    listener.restarts += 1
                    self.start(listener)
            time.sleep(0.2)
        return self.shutdown()

    def shutdown(self, timeout: float = 30.0) -> int:
        for listener in self.listeners:
            if listener.process is not None and listener.process.poll() is None:
                listener.process.terminate()
        deadline = time.monotonic() + timeout
        for listener in self.listeners:
            if listener.process is None:
                continue
            try:
                listener.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                listener.process.kill()
                listener.process.wait()
        return 0


def unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


class Command(BaseCommand):
    help = (
        "Serve Belong with granian (production): pages over WSGI on --port, WebSockets over "
        "ASGI on --ws-port, both supervised. Settings come from the environment."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("BELONG_HOST", "127.0.0.1"),
            help="Address to bind (BELONG_HOST; default 127.0.0.1, only this machine).",
        )
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--ws-port",
            type=int,
            default=int(os.environ["BELONG_WS_PORT"]) if os.environ.get("BELONG_WS_PORT") else None,
            help="Port of the WebSocket (ASGI) listener with --interface split (default: "
            "--port + 1). Route /ws/ there from the proxy.",
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("BELONG_THREADS", "8")),
            help="Threads per page worker (BELONG_THREADS, default 8). Each holds a database "
            "connection: servers x workers x threads must stay under PostgreSQL's "
            "max_connections, or go through PgBouncer.",
        )
        parser.add_argument(
            "--ws-workers", type=int, default=int(os.environ.get("BELONG_WS_WORKERS", "1"))
        )
        parser.add_argument(
            "--interface",
            choices=INTERFACES,
            default=os.environ.get("BELONG_INTERFACE", "split"),
            help="split: pages over WSGI, WebSockets over ASGI on their own port (default); "
            "asgi: everything on one ASGI port; wsgi: pages only.",
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Static files are collected already."
        )
        parser.add_argument(
            # Django's own --skip-checks does the same.
            "--skip-checks-and-migrate",
            dest="skip_checks",
            action="store_true",
            help="Start at once: no deploy checks, no migration check, no collectstatic.",
        )

    def handle(self, *args, **options):
        host, port, interface = options["host"], options["port"], options["interface"]
        if interface not in INTERFACES:
            raise CommandError(f"--interface must be one of {', '.join(INTERFACES)}")
        if not options["skip_checks"]:
            # Refuse to serve with laptop settings (default secret key, DEBUG, ...).
            try:
                call_command("check", deploy=True, fail_level="ERROR")
            except Exception as error:
                raise CommandError(f"Belong will not start: {error}") from error
            self.refuse_unmigrated()
            if not settings.DEBUG and not options["no_collectstatic"]:
                collect_static()  # skipped when the collected files are from these sources
        follow_serving_address(host=host, port=port)
        listeners = []
        if interface == "asgi":
            listeners.append(self.listener("asgi", host, port, options["workers"]))
            self.stdout.write(f"Belong serving on http://{host}:{port}/ (ASGI)")
        else:
            listeners.append(
                self.listener("wsgi", host, port, options["workers"], options["threads"])
            )
            self.stdout.write(f"Belong serving pages on http://{host}:{port}/ (WSGI)")
            if interface == "split":
                ws_port = options["ws_port"] or port + 1
                listeners.append(self.listener("asgi", host, ws_port, options["ws_workers"]))
                self.stdout.write(
                    f"WebSockets on ws://{host}:{ws_port}/ws/ (ASGI): route /ws/ there"
                )
        self.stdout.flush()
        # The listeners import the application themselves; this process only supervises.
        connections.close_all()
        sys.exit(Supervisor(listeners, write=self.stdout.write).run())

    def listener(self, interface, host, port, workers, threads: int = 8) -> Listener:
        if threads < 1:
            raise CommandError("--threads must be 1 or more")
        command = granian_command(
            interface=interface, host=host, port=port, workers=workers, threads=threads
        )
        return Listener(name=f"{interface} listener on port {port}", command=command)

    def refuse_unmigrated(self) -> None:
        try:
            pending = unapplied_migrations()
        except DatabaseError as error:
            raise CommandError(
                f"Belong will not start: the database does not answer ({error})"
            ) from error
        if pending:
            raise CommandError(
                f"Belong will not start: {len(pending)} migrations are not applied "
                f"({', '.join(pending[:3])}{' ...' if len(pending) > 3 else ''}). "
                "Run `belong migrate` first (the deploy step), then start the app servers."
            )
