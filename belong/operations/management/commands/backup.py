"""`belong backup FILE`: a consistent copy of the whole database, taken while Belong runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from belong.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE while Belong runs: pg_dump (custom format) on "
        "PostgreSQL, SQLite's online backup on the embedded database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            path = backup(file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size} bytes)")
