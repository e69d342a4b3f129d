"""django-tasks-db's worker, as Belong runs it: it beats a heartbeat (for /healthz/ready and
the reaper), returns work that dead workers stranded, and retries failed tasks with backoff."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker as base

from belong.operations import recovery

logger = logging.getLogger(__name__)


class BelongWorker(base.Worker):
    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            recovery.retry_later(db_task_result)


def keep_beating(worker_id: str, stop: threading.Event) -> None:
    """Beat every BELONG_WORKER_HEARTBEAT_SECONDS, also while a long task runs, and run the
    reapers every BELONG_REAP_SECONDS; a failed beat (database away) is tried again."""
    beats_per_reap = max(
        1, round(settings.BELONG_REAP_SECONDS / settings.BELONG_WORKER_HEARTBEAT_SECONDS)
    )
    count = 0
    try:
        while not stop.is_set():
            try:
                close_old_connections()
                recovery.beat(worker_id=worker_id)
                if count % beats_per_reap == 0:
                    recovery.recover()
            except Exception:  # noqa: BLE001  (the database may be restarting: beat again)
                logger.warning("The worker's heartbeat failed; trying again.", exc_info=True)
            count += 1
            stop.wait(settings.BELONG_WORKER_HEARTBEAT_SECONDS)
    finally:
        connection.close()


class Command(base.Command):
    help = (
        "Run background tasks (e-mails, expiry ...), with a heartbeat, recovery of tasks "
        "that dead workers left, and retries with backoff."
    )

    def handle(self, *args, worker_id: str, **options):
        stop = threading.Event()
        beating = threading.Thread(
            target=keep_beating, args=(worker_id, stop), name="belong-heartbeat", daemon=True
        )
        beating.start()
        original = base.Worker
        base.Worker = BelongWorker
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            base.Worker = original
            stop.set()
            beating.join(timeout=5)
            try:
                recovery.stop_beating(worker_id=worker_id)
            except Exception:  # noqa: BLE001  (a worker stopping with the database away)
                logger.warning("Could not remove the worker's heartbeat.", exc_info=True)
