from django.core.management.base import BaseCommand

from belong.core.periodic import enqueue_periodic_tasks


class Command(BaseCommand):
    help = (
        "Enqueue Belong's recurring background tasks (expiry, reminders, search digests). "
        "Run it hourly from cron or a systemd timer; `belong db_worker` runs the tasks."
    )

    def handle(self, *args, **options):
        names = enqueue_periodic_tasks()
        self.stdout.write("Enqueued: " + ", ".join(names))
