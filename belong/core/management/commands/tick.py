from django.core.management.base import BaseCommand

from belong.core.periodic import enqueue_periodic_tasks
from belong.operations.recovery import recover


class Command(BaseCommand):
    help = (
        "Return work that dead workers left to the queue, and enqueue Belong's recurring "
        "background tasks (expiry, reminders, search digests). "
        "Run it hourly from cron or a systemd timer; `belong db_worker` runs the tasks."
    )

    def handle(self, *args, **options):
        # Work that dead workers stranded goes back on the queue first.
        returned = recover()
        if any(returned.values()):
            self.stdout.write(
                "Returned to the queue: "
                + ", ".join(f"{name} {count}" for name, count in returned.items() if count)
            )
        names = enqueue_periodic_tasks()
        self.stdout.write("Enqueued: " + ", ".join(names))
