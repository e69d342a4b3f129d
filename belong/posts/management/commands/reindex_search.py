"""`belong reindex_search`: analyse every post again (after a change to the analysis or to
belong/posts/data/synonyms.toml) and rebuild the search vocabulary."""

import time

from django.core.management.base import BaseCommand

from belong.posts.indexing import reindex_posts


class Command(BaseCommand):
    help = "Analyse every post's words again, so search follows the current analysis."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000, help="Posts per transaction.")

    def handle(self, *args, batch, **options):
        started = time.monotonic()
        every = max(1, 100_000 // max(batch, 1))
        reports = iter(range(10**9))

        def report(line: str) -> None:
            if next(reports) % every == 0:
                self.stdout.write(line)

        done = reindex_posts(batch=max(batch, 1), report=report)
        self.stdout.write(f"reindexed: {done} posts in {time.monotonic() - started:.0f} s")
