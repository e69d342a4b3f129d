"""Count the monthly figures now, further back than the nightly task does (a new
installation's history, or after a figure was added)."""

from django.core.management.base import BaseCommand, CommandError

from belong.statistics.rollup import roll_up


class Command(BaseCommand):
    help = "Roll up the monthly statistics: this month and the given number of months before."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=12, help="complete months back")

    def handle(self, *args, months: int, **options):
        if not 0 <= months <= 120:
            raise CommandError("--months is a number from 0 to 120")
        written = roll_up(months_back=months)
        self.stdout.write(f"{written} figures written")
