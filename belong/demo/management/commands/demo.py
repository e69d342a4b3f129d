"""Start Belong with demo data on the embedded database: one command, nothing to prepare."""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from belong.core.links import follow_serving_address, serving_base_url
from belong.core.management.commands.serve import run_granian
from belong.core.periodic import start_ticker
from belong.core.static_files import collect_static
from belong.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from belong.places.models import Postcode
from belong.places.services import load_places


class Command(BaseCommand):
    help = "Migrate, load places, seed demo data if the database is empty, and serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--citizens", type=int, default=300)
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data, then stop.")

    def handle(self, *args, port, host, citizens, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if settings.STATIC_COLLECTED:
            # Compressed copies of the CSS and JavaScript, served by WhiteNoise (collected
            # again only when they changed).
            collect_static()
        if not Postcode.objects.exists():
            counts = load_places()
            self.stdout.write(
                "Places: {regions} regions, {municipalities} municipalities, "
                "{postcodes} postcodes.".format(**counts)
            )
        summary = seed_demo(citizens=citizens)
        if summary.created:
            self.stdout.write(
                f"Demo data: {summary.citizens} citizens and {summary.posts} posts"
                f" in {summary.places}; {summary.conversations} conversations for"
                f" borger@ in every state (answered, declined, awaiting, closed, meeting)."
            )
        else:
            self.stdout.write("Demo data is already there; nothing added.")
        self.stdout.write("")
        url = follow_serving_address(host=host, port=port)
        self.stdout.write(f"Belong: {serving_base_url(host=host, port=port)}/")
        if url != serving_base_url(host=host, port=port):
            self.stdout.write(f"Links in e-mails: {url}/ (BELONG_BASE_URL)")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for email, description in DEMO_LOGINS:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write("E-mails (login codes) are printed here in the terminal.")
        self.stdout.write("Stop with Ctrl+C.")
        if not no_serve:
            # The embedded setup: one background worker and an hourly tick beside the server.
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "belong", "db_worker", "--interval", "2"]
            )
            start_ticker()
            try:
                run_granian(host=host, port=port, workers=1, interface="asgi")
            finally:
                worker.terminate()
