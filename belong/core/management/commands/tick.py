import datetime

from django.core.management.base import BaseCommand, CommandError

from belong.core.periodic import enqueue_periodic_tasks, run_periodic_tasks_as_of
from belong.operations.recovery import recover


def _moment(value: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now wants a date and time like 2026-12-08T10:00, not {value!r}"
        ) from None


class Command(BaseCommand):
    help = (
        "Return work that dead workers left to the queue, and enqueue Belong's recurring "
        "background tasks (expiry, reminders, search digests). "
        "Run it hourly from cron or a systemd timer; `belong db_worker` runs the tasks. "
        "With --now, run them at once as of that moment instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=_moment,
            default=None,
            help="Run the tasks here, as of this moment (e.g. 2026-12-08T10:00, local time).",
        )

    def handle(self, *args, now=None, **options):
        # Work that dead workers stranded goes back on the queue first.
        returned = recover()
        if any(returned.values()):
            self.stdout.write(
                "Returned to the queue: "
                + ", ".join(f"{name} {count}" for name, count in returned.items() if count)
            )
        if now is None:
            names = enqueue_periodic_tasks()
            self.stdout.write("Enqueued: " + ", ".join(names))
            return
        results = run_periodic_tasks_as_of(now)
        self.stdout.write(f"Ran as of {now.isoformat()}:")
        for name, result in results.items():
            self.stdout.write(f"  {name}: {result}")
