"""`belong restore FILE`: replace the whole database with a backup from `belong backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from belong.operations.backup import BackupError, restore, run_after_restore_steps


class Command(BaseCommand):
    help = (
        "Replace the whole database with the backup in FILE (from `belong backup`), then run "
        "the after-restore steps. Stop the app servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--steps-only",
            action="store_true",
            help="Only run the after-restore steps (after a point-in-time recovery).",
        )
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, file, database, interactive, steps_only, **options):
        if steps_only:
            steps = run_after_restore_steps(alias=database)
            self.stdout.write(f"After the restore: {', '.join(steps)}")
            return
        if file is None:
            raise CommandError("Name the backup file to restore.")
        if interactive:
            answer = input(
                f"Every row in the database '{database}' is replaced by the backup {file}. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            steps = restore(file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {file}; after the restore: {', '.join(steps)}")
