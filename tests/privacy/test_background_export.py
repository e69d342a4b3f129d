"""Large exports are prepared in the background: the task builds the zip into storage, the
citizen is told by e-mail and on the profile page, the link works for 7 days (then a kind
page offers a new one), retention deletes the expired file, and the API does the same."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from belong.core import clock
from belong.privacy.exports import request_export
from belong.privacy.models import DataExport
from belong.privacy.retention import apply_retention
from belong.privacy.services import erase_account
from tests.api.conftest import api_client_for
from tests.factories import make_post
from tests.html import validate_html

WEEK = datetime.timedelta(days=7)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _tasks_run_at_once_and_files_in_tmp(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def zip_json(content: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return json.loads(archive.read(name))


def prepare(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data_prepare"))
    assert response.status_code == 302
    return DataExport.objects.get()


@pytest.mark.django_db
def test_a_prepared_export_is_built_in_storage_announced_and_downloaded(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    make_post(citizen, title="Gåture ved fjorden")
    client.force_login(citizen)
    export = prepare(client, django_capture_on_commit_callbacks)

    assert export.status == "ready"
    assert default_storage.exists(export.file.name)
    assert export.expires_at == export.ready_at + WEEK
    download_url = reverse("my_data_export", args=[export.pk])
    [mail] = mailoutbox
    assert mail.to == [citizen.email]
    assert mail.subject == "Dine data fra Belong er klar"
    assert download_url in mail.body

    profile = client.get(reverse("profile"))
    validate_html(profile.content)
    assert "Dine data er klar." in profile.content.decode()
    assert download_url in profile.content.decode()
    my_data = client.get(reverse("my_data"))
    validate_html(my_data.content)
    assert download_url in my_data.content.decode()

    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    posts = zip_json(content, "posts/posts.json")
    assert [post["title"] for post in posts] == ["Gåture ved fjorden"]


@pytest.mark.django_db
def test_asking_twice_while_it_is_prepared_makes_one(citizen):
    first = request_export(user=citizen)
    assert request_export(user=citizen) == first
    assert DataExport.objects.count() == 1


@pytest.mark.django_db
def test_someone_elses_export_is_not_found(
    client, citizen, outsider, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    export = prepare(client, django_capture_on_commit_callbacks)
    client.force_login(outsider)
    assert client.get(reverse("my_data_export", args=[export.pk])).status_code == 404
    assert client.get(reverse("my_data_export", args=[export.pk + 1000])).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("my_data_export", args=[1]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.post(reverse("my_data_prepare")).status_code == 302


@pytest.mark.django_db
def test_after_seven_days_the_link_has_expired_kindly_and_retention_deletes_the_file(
    client, citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    export = prepare(client, django_capture_on_commit_callbacks)
    url = reverse("my_data_export", args=[export.pk])
    with clock.set_to(export.expires_at - MINUTE):
        assert client.get(url).status_code == 200
    with clock.set_to(export.expires_at + MINUTE):
        response = client.get(url)
        assert response.status_code == 410
        validate_html(response.content)
        page = response.content.decode()
        assert "Linket er udløbet" in page
        assert reverse("my_data_prepare") in page
        assert "Dine data er klar." not in client.get(reverse("profile")).content.decode()

    name = export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        early = apply_retention(now=export.expires_at - MINUTE)
    assert early["privacy.expired_exports"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        counts = apply_retention(now=export.expires_at + MINUTE)
    assert counts["privacy.expired_exports"] == 1
    assert not DataExport.objects.exists()
    assert not default_storage.exists(name)

    # A new one can be asked for from the expired page.
    with clock.set_to(export.expires_at + MINUTE):
        again = prepare(client, django_capture_on_commit_callbacks)
    assert again.status == "ready"


@pytest.mark.django_db
def test_erasure_deletes_the_prepared_files(client, citizen, django_capture_on_commit_callbacks):
    client.force_login(citizen)
    export = prepare(client, django_capture_on_commit_callbacks)
    name = export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=citizen)
    assert not DataExport.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_the_api_asks_follows_and_downloads(citizen, outsider, django_capture_on_commit_callbacks):
    make_post(citizen, title="Brætspil")
    api = api_client_for(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post("/me/exports")
    assert answer.status_code == 202
    export_id = answer.json()["id"]
    status = api.get(f"/me/exports/{export_id}").json()
    assert status["status"] == "ready"
    assert status["download"] == f"/api/v1/me/exports/{export_id}/download"
    download = api.get(f"/me/exports/{export_id}/download")
    assert download.status_code == 200
    posts = zip_json(b"".join(download.streaming_content), "posts/posts.json")
    assert [post["title"] for post in posts] == ["Brætspil"]

    other = api_client_for(outsider)
    assert other.get(f"/me/exports/{export_id}").status_code == 404
    assert other.get(f"/me/exports/{export_id}/download").status_code == 404

    expires_at = DataExport.objects.get().expires_at
    with clock.set_to(expires_at + MINUTE):
        assert api.get(f"/me/exports/{export_id}").json()["status"] == "expired"
        gone = api.get(f"/me/exports/{export_id}/download")
        assert gone.status_code == 410 and gone.json()["code"] == "expired"


@pytest.mark.django_db
def test_the_api_says_when_it_is_not_ready_yet(citizen, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    api = api_client_for(citizen)
    answer = api.post("/me/exports")  # the worker has not run it yet
    assert answer.json()["status"] == "pending" and answer.json()["download"] is None
    download = api.get(f"/me/exports/{answer.json()['id']}/download")
    assert download.status_code == 409 and download.json()["code"] == "not_ready"


@pytest.mark.django_db
def test_an_export_that_fails_every_attempt_is_marked_failed_kindly_and_can_be_asked_again(
    client, citizen, settings, tmp_path, django_capture_on_commit_callbacks
):
    """A real failure (storage whose disk is full) through the real task path: the task on
    the database queue, run by Belong's worker, retried, then given up."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from belong.operations.management.commands.db_worker import BelongWorker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BELONG_TASK_MAX_ATTEMPTS = 2
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.privacy.failing_storage.FullDiskStorage",
            "OPTIONS": {"location": str(tmp_path / "full")},
        },
    }
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
    client.force_login(citizen)
    export = prepare(client, django_capture_on_commit_callbacks)
    row = DBTaskResult.objects.get(task_path="belong.privacy.tasks.build_data_export")
    api = api_client_for(citizen)

    # The first attempt fails: still being prepared, the retry waits on the queue.
    row.claim("test-worker")
    worker.run_task(row)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY and "OSError" in row.exception_class_path
    assert DataExport.objects.get().status == "pending"
    assert api.get(f"/me/exports/{export.pk}").json()["status"] == "pending"

    # The last attempt fails too: given up, and the export no longer says "being prepared".
    row.claim("test-worker")
    worker.run_task(row)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert DataExport.objects.get().status == "failed"
    status = api.get(f"/me/exports/{export.pk}").json()
    assert status["status"] == "failed" and status["download"] is None

    profile = client.get(reverse("profile"))
    validate_html(profile.content)
    page = profile.content.decode()
    assert "Vi kunne ikke gøre dine data klar denne gang." in page
    assert "Vi sender dig en e-mail, når de er klar." not in page
    my_data = client.get(reverse("my_data"))
    validate_html(my_data.content)
    assert "Gør mine data klar til mig" in my_data.content.decode()
    not_ready = client.get(reverse("my_data_export", args=[export.pk]))
    assert not_ready.status_code == 409

    # Asking again makes a new one (the failed one is no answer), and it can succeed.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FILE_STORAGE}}
    again = prepare_again(client, django_capture_on_commit_callbacks)
    assert again.pk != export.pk and again.status == "pending"
    new_row = DBTaskResult.objects.exclude(pk=row.pk).get(
        task_path="belong.privacy.tasks.build_data_export"
    )
    new_row.claim("test-worker")
    worker.run_task(new_row)
    again.refresh_from_db()
    assert again.status == "ready"
    assert "Dine data er klar." in client.get(reverse("profile")).content.decode()


FILE_STORAGE = "django.core.files.storage.FileSystemStorage"


def prepare_again(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data_prepare"))
    assert response.status_code == 302
    return DataExport.objects.order_by("-pk").first()


@pytest.mark.django_db
def test_an_export_whose_worker_was_lost_on_the_last_attempt_is_marked_failed(citizen, settings):
    from django.utils import timezone
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from belong.operations import recovery

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BELONG_TASK_MAX_ATTEMPTS = 2
    export = request_export(user=citizen)
    from belong.privacy.tasks import build_data_export

    result = build_data_export.enqueue(export.pk)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["w1", "w2"]
    )
    assert recovery.recover()["tasks"] == 1
    export.refresh_from_db()
    assert export.status == "failed"
