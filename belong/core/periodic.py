"""The recurring background work, enqueued by `belong tick` (cron) or by `belong demo`."""

from __future__ import annotations

import threading

from django.conf import settings


def enqueue_periodic_tasks() -> list[str]:
    """Put every recurring task on the queue; each is idempotent, so running this hourly
    (or twice by mistake) sends nothing twice."""
    from django.utils.module_loading import import_string

    names = []
    for path in settings.BELONG_PERIODIC_TASKS:
        import_string(path).enqueue()
        names.append(path.rsplit(".", 1)[1])
    return names


def run_periodic_tasks_as_of(moment) -> dict[str, object]:
    """Run every recurring task here and now, with the clock set to `moment`: what would
    have happened had Belong ticked then (a week of silence, shown in a demo without
    editing the database). Returns each task's result by name."""
    from django.utils.module_loading import import_string

    from belong.core import clock

    results = {}
    with clock.set_to(moment):
        for path in settings.BELONG_PERIODIC_TASKS:
            results[path.rsplit(".", 1)[1]] = import_string(path).call()
    return results


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
