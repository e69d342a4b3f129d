"""/healthz/live says the process answers; /healthz/ready says whether it can serve, with
the figures an operator needs, and 503 when it cannot."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from belong.operations import recovery
from belong.operations.models import WorkerHeartbeat


@pytest.fixture
def embedded(settings):
    settings.REDIS_URL = ""


def test_live_answers_without_asking_anything(client):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_when_the_database_answers_and_a_worker_beats(client, db, embedded):
    recovery.beat(worker_id="w1")
    response = client.get("/healthz/ready")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["redis"] == {"ok": True, "configured": False}
    assert body["checks"]["workers"]["alive"] == 1
    assert body["checks"]["queue"]["waiting"] == 0
    assert client.get("/healthz").status_code == 200  # the old check still answers


def test_not_ready_without_a_worker_heartbeat(client, db, embedded):
    WorkerHeartbeat.objects.create(
        worker_id="gone", seen_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    workers = response.json()["checks"]["workers"]
    assert workers["ok"] is False and workers["alive"] == 0
    assert workers["last_beat_seconds_ago"] >= 600


def test_not_ready_when_tasks_wait_too_long(client, db, embedded, settings):
    from belong.messaging.tasks import remind_unanswered

    recovery.beat(worker_id="w1")
    result = remind_unanswered.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now()
        - datetime.timedelta(seconds=settings.BELONG_READY_MAX_QUEUE_AGE * 2)
    )
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["ok"] is False and queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= settings.BELONG_READY_MAX_QUEUE_AGE * 2 - 5


def test_operators_choose_which_checks_gate_readiness(client, db, embedded, settings):
    settings.BELONG_READY_CHECKS = ["database"]
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["workers"]["ok"] is False  # still reported


def test_not_ready_while_redis_is_gone(client, db, settings, redis_server):
    settings.REDIS_URL = redis_server.url
    recovery.beat(worker_id="w1")
    assert client.get("/healthz/ready").status_code == 200
    redis_server.kill()
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False
    assert client.get("/healthz/live").status_code == 200
    redis_server.start()
    assert client.get("/healthz/ready").status_code == 200
