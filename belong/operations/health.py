"""Whether this installation can serve: the database, Redis, the task queue and its workers.
Each check answers ok or not, with the figures an operator needs, and never raises."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from belong.operations.models import WorkerHeartbeat


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    import redis

    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        try:
            client.ping()
        finally:
            client.close()
    except redis.exceptions.RedisError as error:
        return {"ok": False, "configured": True, "error": type(error).__name__}
    return {"ok": True, "configured": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_queue(*, now: datetime.datetime | None = None) -> dict:
    """How long the oldest task that is due has waited to run. (Failed tasks are not counted
    here: that would read every finished row; `belong failed_tasks` lists them.)"""
    now = now or timezone.now()
    try:
        due = DBTaskResult.objects.ready().order_by()
        oldest = min(
            (
                row["run_after"] if row["run_after"] != get_date_max() else row["enqueued_at"]
                for row in due.order_by("enqueued_at").values("run_after", "enqueued_at")[:50]
            ),
            default=None,
        )
        waiting = due.count()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    age = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    return {
        "ok": age <= settings.BELONG_READY_MAX_QUEUE_AGE,
        "waiting": waiting,
        "oldest_waiting_seconds": round(age),
        "max_seconds": settings.BELONG_READY_MAX_QUEUE_AGE,
    }


def check_workers(*, now: datetime.datetime | None = None) -> dict:
    """Whether a task worker has beaten its heartbeat lately."""
    now = now or timezone.now()
    limit = settings.BELONG_WORKER_HEARTBEAT_TIMEOUT
    try:
        alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - datetime.timedelta(seconds=limit))
        count = alive.count()
        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)
        last_seen = last.first()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {
        "ok": count > 0,
        "alive": count,
        "last_beat_seconds_ago": round((now - last_seen).total_seconds()) if last_seen else None,
        "max_seconds": limit,
    }


CHECKS = {
    "database": check_database,
    "redis": check_redis,
    "queue": check_queue,
    "workers": check_workers,
}


def readiness() -> tuple[bool, dict]:
    """Every check's answer; ready when those named in BELONG_READY_CHECKS are all ok (the
    database first: without it the others are not asked)."""
    required = set(settings.BELONG_READY_CHECKS)
    results = {"database": check_database()}
    for name, check in CHECKS.items():
        if name == "database":
            continue
        if not results["database"]["ok"] and name in ("queue", "workers"):
            results[name] = {"ok": False, "error": "database unavailable"}
        else:
            results[name] = check()
    ready = all(result["ok"] for name, result in results.items() if name in required)
    return ready, results
