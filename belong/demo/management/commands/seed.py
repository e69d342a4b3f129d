"""`belong seed --posts N`: a national population of citizens and their posts, for load
tests and the search benchmark."""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from belong.demo.national import Places, create_authors, load_posts
from belong.places.models import Postcode
from belong.places.services import load_places


class Command(BaseCommand):
    help = "Add N posts by M new citizens spread over Denmark like its population."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, required=True)
        parser.add_argument(
            "--authors", type=int, default=None, help="New citizens (default: posts / 3)."
        )
        parser.add_argument("--seed", type=int, default=None, help="Repeatable randomness.")

    def handle(self, *args, posts, authors, seed, **options):
        if posts < 1:
            raise CommandError("--posts must be at least 1")
        authors = authors or max(1, posts // 3)
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        if not Postcode.objects.exists():
            load_places()
        rng = random.Random(seed)  # noqa: S311  (test data, not secrets)
        places = Places()
        self.stdout.write(f"Creating {authors:,} citizens ...")
        people = create_authors(rng=rng, count=authors, places=places)
        self.stdout.write(f"  done ({time.monotonic() - started:.0f} s)")
        self.stdout.write(f"Writing {posts:,} posts ...")
        load_posts(rng=rng, authors=people, count=posts, report=self.stdout.write)
        self.stdout.write(f"seed_posts: {posts} posts")
        self.stdout.write(f"seed_total_s: {time.monotonic() - started:.1f} s")
