"""Tasks that recover: a worker killed mid-task leaves nothing stuck for good, every owed
e-mail goes out, once, with its outbox id as Message-ID; failures are retried with backoff."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from belong.messaging.models import Outbox
from belong.messaging.outbox import message_id, release_stale_claims
from belong.operations import recovery
from belong.operations.models import WorkerHeartbeat
from tests.factories import UserFactory, make_post

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bo(aalborg_postcode):
    return UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)


def owe_one_email(citizen, bo, label="recovery-1") -> Outbox:
    from belong.messaging.services import start_conversation

    post = make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")
    start_conversation(sender=bo, post=post, body="Hej Anne!", client_token=f"tok-{label}")
    return Outbox.objects.get(recipient=citizen)


def a_while_ago(seconds: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def running_task(*, worker_id: str, started_at) -> DBTaskResult:
    from belong.messaging.tasks import remind_unanswered

    result = remind_unanswered.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=started_at, worker_ids=[worker_id]
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_whose_worker_stopped_beating_goes_back_on_the_queue(db):
    recovery.beat(worker_id="alive")
    WorkerHeartbeat.objects.create(worker_id="dead", seen_at=a_while_ago(600))
    kept = running_task(worker_id="alive", started_at=a_while_ago(120))
    stuck = running_task(worker_id="dead", started_at=a_while_ago(120))
    just_claimed = running_task(worker_id="new", started_at=a_while_ago(1))

    assert recovery.recover()["tasks"] == 1
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=stuck.pk).exists()
    kept.refresh_from_db()
    just_claimed.refresh_from_db()
    assert kept.status == just_claimed.status == TaskResultStatus.RUNNING


def test_a_task_running_past_the_timeout_goes_back_even_with_a_live_worker(db, settings):
    settings.BELONG_TASK_TIMEOUT = 60
    recovery.beat(worker_id="alive")
    stuck = running_task(worker_id="alive", started_at=a_while_ago(300))
    recovery.recover()
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY


def test_a_task_stranded_on_its_last_attempt_is_given_up_and_listed(db, settings, capsys):
    settings.BELONG_TASK_MAX_ATTEMPTS = 2
    stuck = running_task(worker_id="w2", started_at=a_while_ago(600))
    DBTaskResult.objects.filter(pk=stuck.pk).update(worker_ids=["w1", "w2"])
    recovery.recover()
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.FAILED
    assert stuck.exception_class_path == recovery.WORKER_LOST

    call_command("failed_tasks")
    out = capsys.readouterr().out
    assert str(stuck.pk) in out and "given up, 2 attempts" in out and "WorkerLost" in out
    call_command("failed_tasks", retry=[str(stuck.pk)])
    assert "Queued again: 1" in capsys.readouterr().out
    assert DBTaskResult.objects.ready().filter(pk=stuck.pk).exists()


def test_a_failed_task_is_retried_with_growing_waits(db, settings):
    from belong.operations.management.commands.db_worker import BelongWorker

    settings.BELONG_TASK_MAX_ATTEMPTS = 3
    assert [recovery.backoff_seconds(n) for n in (1, 2, 3)] == [30, 120, 480]
    worker = BelongWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # A task given an argument that is no outbox id fails each time it runs.
    from belong.messaging.tasks import send_outbox_email

    result = send_outbox_email.enqueue(10**9)
    row = DBTaskResult.objects.get(pk=result.id)
    DBTaskResult.objects.filter(pk=row.pk).update(args_kwargs={"args": ["x"], "kwargs": {}})

    for attempt in (1, 2, 3):
        row = DBTaskResult.objects.get(pk=row.pk)
        row.claim("test-worker")
        before = timezone.now()
        worker.run_task(row)
        row.refresh_from_db()
        assert row.exception_class_path  # the error stays visible to operators
        if attempt < 3:
            assert row.status == TaskResultStatus.READY
            wait = (row.run_after - before).total_seconds()
            assert (
                recovery.backoff_seconds(attempt) - 1
                <= wait
                <= recovery.backoff_seconds(attempt) + 5
            )
        else:
            assert row.status == TaskResultStatus.FAILED


def test_an_email_claimed_but_never_sent_is_sent_again_with_the_same_message_id(
    db, settings, citizen, bo, django_capture_on_commit_callbacks
):
    from belong.messaging import notifications
    from belong.messaging.tasks import send_outbox_email

    row = owe_one_email(citizen, bo)
    assert notifications.claim_outbox(row.pk) is not None  # a worker claims it, then dies
    assert send_outbox_email.call(row.pk) is False  # claimed: nobody else sends it meanwhile
    assert release_stale_claims() == 0  # the lease has not run out yet

    Outbox.objects.filter(pk=row.pk).update(claimed_at=a_while_ago(3600))
    with django_capture_on_commit_callbacks(execute=True):
        assert recovery.recover()["outbox"] == 1
    queued = DBTaskResult.objects.ready().filter(task_path__endswith="send_outbox_email")
    assert queued.filter(args_kwargs__args=[row.pk]).exists()

    mail.outbox.clear()
    assert send_outbox_email.call(row.pk) is True
    assert send_outbox_email.call(row.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id([row])
    assert message_id([row]) == f"<belong-outbox-{row.pk}@belong.localhost>"
    row.refresh_from_db()
    assert row.sent_at is not None


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "belong",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--no-reload",
            *(["--batch"] if env.get("BELONG_TEST_MAIL") != "block" else []),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def worker_env(tmp_path, **extra) -> dict:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.operations.worker_settings",
        DATABASE_URL=url,
        BELONG_DATA_DIR=str(tmp_path),
        BELONG_WORKER_HEARTBEAT_SECONDS="0.2",
        BELONG_TEST_MAIL_DIR=str(tmp_path / "mail"),
        BELONG_TEST_MAIL_MARKER=str(tmp_path / "sending"),
        **extra,
    )
    return env


# The worker process reads what this test commits; serialized, as the suite's other
# transactional tests, so the next test finds the database as it was.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_while_sending_loses_nothing_and_sends_nothing_twice(tmp_path, citizen, bo):
    row = owe_one_email(citizen, bo, label="recovery-kill")
    task = DBTaskResult.objects.get(task_path__endswith="send_outbox_email")
    marker = tmp_path / "sending"

    worker = start_worker(worker_env(tmp_path, BELONG_TEST_MAIL="block"))
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            if worker.poll() is not None or time.monotonic() > deadline:
                worker.kill()  # a worker that still runs would never close its output
                raise AssertionError(worker.communicate(timeout=30)[0])
            time.sleep(0.05)
        assert marker.read_text() == message_id([row])
        worker.send_signal(signal.SIGKILL)  # as the out-of-memory killer would
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    task.refresh_from_db()
    row.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert row.claimed_at is not None and row.sent_at is None
    assert WorkerHeartbeat.objects.filter(worker_id=task.worker_ids[-1]).exists()

    # Time passes (the clock is moved, not waited for): the heartbeat and the lease run out.
    WorkerHeartbeat.objects.update(seen_at=a_while_ago(3600))
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=a_while_ago(3600))
    Outbox.objects.filter(pk=row.pk).update(claimed_at=a_while_ago(3600))
    call_command("tick")
    task.refresh_from_db()
    row.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert row.claimed_at is None

    (tmp_path / "mail").mkdir()
    second = start_worker(worker_env(tmp_path))
    output = second.communicate(timeout=120)[0]
    assert second.returncode == 0, output

    row.refresh_from_db()
    assert row.sent_at is not None
    written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
    assert written.count(f"Message-ID: {message_id([row])}") == 1, written
    assert f"To: {citizen.email}" in written
    # The worker stopped cleanly: its heartbeat is gone; the killed one's is stale.
    assert not WorkerHeartbeat.objects.filter(seen_at__gte=a_while_ago(60)).exists()


def test_an_email_the_mail_server_refused_is_sent_by_the_retry(db, settings, citizen, bo):
    import smtplib

    from belong.messaging.tasks import send_outbox_email

    row = owe_one_email(citizen, bo, label="recovery-smtp")
    settings.EMAIL_BACKEND = "tests.operations.failing_mail.EmailBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_outbox_email.call(row.pk)
    row.refresh_from_db()
    assert row.claimed_at is None and row.sent_at is None  # given back for the retry

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert send_outbox_email.call(row.pk) is True
    assert send_outbox_email.call(row.pk) is False
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id([row])]
