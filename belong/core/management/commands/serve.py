"""Serve Belong in production with granian, configured from the environment."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from belong.core.links import follow_serving_address


def run_granian(*, host: str, port: int, workers: int, interface: str) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    target = "belong.asgi:application" if interface == "asgi" else "belong.wsgi:application"
    Granian(
        target,
        address=host,
        port=port,
        workers=workers,
        interface=Interfaces.ASGINL if interface == "asgi" else Interfaces.WSGI,
    ).serve()


class Command(BaseCommand):
    help = "Serve Belong with granian (production). Settings come from the environment."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))  # noqa: S104
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--interface", choices=["asgi", "wsgi"], default="asgi")
        parser.add_argument(
            "--skip-checks-and-migrate",
            action="store_true",
            help="Start at once: no deploy checks, no migrations, no collectstatic.",
        )

    def handle(self, *args, host, port, workers, interface, skip_checks_and_migrate, **options):
        if not skip_checks_and_migrate:
            # Refuse to serve with laptop settings (default secret key, DEBUG, ...).
            try:
                call_command("check", deploy=True, fail_level="ERROR")
            except Exception as error:
                raise CommandError(f"Belong will not start: {error}") from error
            call_command("migrate", interactive=False, verbosity=0)
            if not settings.DEBUG:
                call_command("collectstatic", interactive=False, verbosity=0)
        follow_serving_address(host=host, port=port)
        self.stdout.write(
            f"Belong serving on http://{host}:{port}/ ({interface}, {workers} workers)"
        )
        run_granian(host=host, port=port, workers=workers, interface=interface)
