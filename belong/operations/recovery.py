"""Work that recovers by itself: the task workers' heartbeats, retries with backoff, and the
reapers that return work a dead worker held to the queue.

Each app with work that a dead process can strand registers a reaper here in its own module
(`@reaper("outbox")` in belong/messaging/outbox.py); `recover()` runs them all, from
`belong tick` and from every `belong db_worker` once a minute. A task whose state a citizen
waits on says what follows when it is given up after its last attempt
(`@when_given_up("belong.privacy.tasks.build_data_export")` in belong/privacy/exports.py).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from belong.operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

Reaper = Callable[..., int]
_reapers: dict[str, Reaper] = {}


def reaper(name: str) -> Callable[[Reaper], Reaper]:
    """Register `fn(*, now) -> int` (how many things it returned to the queue)."""

    def register(fn: Reaper) -> Reaper:
        _reapers[name] = fn
        return fn

    return register


def registered_reapers() -> dict[str, Reaper]:
    return dict(_reapers)


GivenUp = Callable[..., object]
_given_up: dict[str, GivenUp] = {}


def when_given_up(task_path: str) -> Callable[[GivenUp], GivenUp]:
    """Register `fn(*args, **kwargs)`, called with the task's own arguments when the task at
    `task_path` has failed its last attempt (an error, or a worker lost while running it)."""

    def register(fn: GivenUp) -> GivenUp:
        _given_up[task_path] = fn
        return fn

    return register


def _tell_given_up(result: DBTaskResult) -> None:
    fn = _given_up.get(result.task_path)
    if fn is None:
        return
    arguments = result.args_kwargs or {}
    try:
        fn(*arguments.get("args", []), **arguments.get("kwargs", {}))
    except Exception:  # noqa: BLE001  (the task stays given up and listed either way)
        logger.exception("What follows giving up task %s (%s) failed", result.id, result.task_path)


def recover(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every reaper; one that fails is logged and does not stop the others."""
    now = now or timezone.now()
    done = {}
    for name, fn in _reapers.items():
        try:
            done[name] = fn(now=now)
        except Exception:  # noqa: BLE001  (one reaper's failure must not stop the rest)
            logger.exception("The %s reaper failed", name)
            done[name] = 0
    return done


# --- Heartbeats -----------------------------------------------------------------------------


def beat(*, worker_id: str, now: datetime.datetime | None = None) -> None:
    """The worker `worker_id` is alive now."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "seen_at": now,
            },
        )


def stop_beating(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def live_worker_ids(*, now: datetime.datetime | None = None) -> set[str]:
    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=settings.BELONG_WORKER_HEARTBEAT_TIMEOUT)
    return set(
        WorkerHeartbeat.objects.filter(seen_at__gte=since).values_list("worker_id", flat=True)
    )


# --- Retries ---------------------------------------------------------------------------------


def backoff_seconds(attempt: int) -> int:
    """The wait before attempt `attempt + 1`: 30 s, 2 min, 8 min, 32 min ... at most 6 h."""
    return min(settings.BELONG_TASK_RETRY_BASE_SECONDS * 4 ** max(0, attempt - 1), 6 * 3600)


def attempts(result: DBTaskResult) -> int:
    return len(result.worker_ids or [])


def retry_later(result: DBTaskResult, *, now: datetime.datetime | None = None) -> bool:
    """Put a failed task back on the queue after its backoff, unless it has used all its
    attempts; its last error stays on the row for operators. True when it will run again."""
    if attempts(result) >= settings.BELONG_TASK_MAX_ATTEMPTS:
        logger.error(
            "Task %s (%s) failed %d times and is given up: %s",
            result.id,
            result.task_path,
            attempts(result),
            result.exception_class_path,
        )
        _tell_given_up(result)
        return False
    now = now or timezone.now()
    run_after = now + datetime.timedelta(seconds=backoff_seconds(attempts(result)))
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed (attempt %d); it runs again after %s",
        result.id,
        result.task_path,
        attempts(result),
        run_after.isoformat(),
    )
    return True


WORKER_LOST = "belong.operations.recovery.WorkerLost"


@reaper("tasks")
def return_stuck_tasks(*, now: datetime.datetime | None = None) -> int:
    """RUNNING task rows whose worker has stopped beating (killed, its machine gone), or that
    have run longer than BELONG_TASK_TIMEOUT, go back to the queue (or fail, after their
    last attempt). Every task is safe to run twice; the outbox sends each e-mail once."""
    now = now or timezone.now()
    alive = live_worker_ids(now=now)
    too_old = now - datetime.timedelta(seconds=settings.BELONG_TASK_TIMEOUT)
    # A worker that has just claimed a row may not have beaten yet: give it the heartbeat's
    # timeout before counting it as dead.
    grace = now - datetime.timedelta(seconds=settings.BELONG_WORKER_HEARTBEAT_TIMEOUT)
    returned = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=grace)
    for result in running.only("id", "worker_ids", "started_at", "task_path", "args_kwargs"):
        holder = (result.worker_ids or [None])[-1]
        if holder in alive and result.started_at >= too_old:
            continue
        with transaction.atomic():
            given_up = attempts(result) >= settings.BELONG_TASK_MAX_ATTEMPTS
            changes = (
                {
                    "status": TaskResultStatus.FAILED,
                    "finished_at": now,
                    "exception_class_path": WORKER_LOST,
                    "traceback": f"The worker {holder} stopped while running this task.",
                }
                if given_up
                else {"status": TaskResultStatus.READY, "run_after": now}
            )
            # Only if it is still the same run: the worker may have finished meanwhile.
            if DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            ).update(**changes):
                returned += 1
                if given_up:
                    _tell_given_up(result)
                logger.warning(
                    "Task %s (%s) was left running by worker %s; %s",
                    result.id,
                    result.task_path,
                    holder,
                    "given up" if given_up else "back on the queue",
                )
    # Heartbeats of workers long gone tell operators nothing any more.
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return returned
