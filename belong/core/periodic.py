"""The recurring background work, enqueued by `belong tick` (cron) or by `belong demo`."""

from __future__ import annotations

import threading

PERIODIC_TASKS = (
    "belong.posts.tasks.expire_stale_posts",
    "belong.posts.tasks.send_expiry_reminders",
    "belong.posts.tasks.send_saved_search_digests",
    "belong.messaging.tasks.remind_unanswered",
    "belong.messaging.tasks.close_silent_conversations",
    "belong.messaging.tasks.send_daily_summaries",
    "belong.safety.tasks.move_adults_out_of_youth_space",
    "belong.activities.tasks.send_activity_reminders",
)


def enqueue_periodic_tasks() -> list[str]:
    """Put every recurring task on the queue; each is idempotent, so running this hourly
    (or twice by mistake) sends nothing twice."""
    from django.utils.module_loading import import_string

    names = []
    for path in PERIODIC_TASKS:
        import_string(path).enqueue()
        names.append(path.rsplit(".", 1)[1])
    return names


def start_ticker(interval_seconds: int = 3600) -> threading.Event:
    """Enqueue the periodic tasks now and then every interval, in a daemon thread."""
    stop = threading.Event()

    def run():
        while not stop.is_set():
            try:
                enqueue_periodic_tasks()
            except Exception:  # noqa: BLE001  (a failed tick must not stop the next)
                import logging

                logging.getLogger(__name__).exception("Could not enqueue periodic tasks")
            stop.wait(interval_seconds)

    threading.Thread(target=run, name="belong-ticker", daemon=True).start()
    return stop
