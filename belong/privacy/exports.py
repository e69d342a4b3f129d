"""A citizen's data prepared in the background (for much data): asked for on My data or in
the API, built by a task into a zip behind Django's storage API, announced by e-mail and on
the profile, downloadable by its owner for `BELONG_EXPORT_LINK_DAYS`; retention deletes the
file when the link has expired."""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404

from belong.accounts.models import User
from belong.core import clock
from belong.operations.recovery import when_given_up
from belong.privacy.export import build_export_zip, export_filename
from belong.privacy.models import DataExport

logger = logging.getLogger(__name__)

Status = DataExport.Status


class ExportNotReady(Exception):
    pass


class ExportExpired(Exception):
    pass


def request_export(*, user: User, now: datetime.datetime | None = None) -> DataExport:
    """Ask for the data; one being prepared already is the answer (no second task)."""
    now = now or clock.now()
    pending = DataExport.objects.filter(user=user, status=Status.PENDING).first()
    if pending is not None:
        return pending
    export = DataExport.objects.create(user=user, requested_at=now)
    from belong.privacy.tasks import build_data_export

    transaction.on_commit(partial(build_data_export.enqueue, export.pk))
    return export


def build_export(export_id: int, *, now: datetime.datetime | None = None) -> bool:
    """The task's work: the zip into storage, the link's expiry set. False when there is
    nothing (left) to build; an error leaves it pending for the task's retry, and after the
    last attempt `give_up_export` marks it failed."""
    now = now or clock.now()
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != Status.PENDING:
        return False
    if not export.user.is_active:
        DataExport.objects.filter(pk=export.pk).update(status=Status.FAILED)
        return False
    content = build_export_zip(export.user)
    export.file.save(export_filename(export.user), ContentFile(content), save=False)
    done = DataExport.objects.filter(pk=export.pk, status=Status.PENDING).update(
        file=export.file.name,
        size=len(content),
        status=Status.READY,
        ready_at=now,
        expires_at=now + datetime.timedelta(days=settings.BELONG_EXPORT_LINK_DAYS),
    )
    if not done:  # built twice at once (a retried task): keep the first file only
        export.file.storage.delete(export.file.name)
        return False
    logger.info("Export %d ready (%d bytes)", export.pk, len(content))
    return True


@when_given_up("belong.privacy.tasks.build_data_export")
def give_up_export(export_id: int) -> bool:
    """The task failed its last attempt: the export is marked failed, not left "being
    prepared" for ever. The profile, My data and the API say so kindly, and a new one can be
    asked for. True when it was still pending."""
    failed = DataExport.objects.filter(pk=export_id, status=Status.PENDING).update(
        status=Status.FAILED
    )
    if failed:
        logger.error("Export %d could not be made; the citizen is told on the profile", export_id)
    return bool(failed)


def get_export_for_user(user: User, pk: int) -> DataExport:
    """The citizen's own export, or 404 (someone else's id never tells that it exists)."""
    export = DataExport.objects.filter(user=user, pk=pk).first()
    if export is None:
        raise Http404
    return export


def latest_export(user: User) -> DataExport | None:
    return DataExport.objects.filter(user=user).first()


def open_export(export: DataExport, *, now: datetime.datetime | None = None):
    """The file to send, or why not: still being prepared, or the link has expired."""
    now = now or clock.now()
    if export.status == Status.READY and export.is_expired(now):
        raise ExportExpired
    if export.status != Status.READY or not export.file:
        raise ExportNotReady
    return export.file.open("rb")


def delete_expired_exports(*, now: datetime.datetime) -> int:
    """Retention: the file and its row go when the link has expired (and exports that
    could not be made, after the same time)."""
    cutoff = now - datetime.timedelta(days=settings.BELONG_EXPORT_LINK_DAYS)
    expired = list(
        DataExport.objects.filter(expires_at__lte=now)
        | DataExport.objects.filter(status=Status.FAILED, requested_at__lte=cutoff)
    )
    for export in expired:
        delete_export(export)
    return len(expired)


def delete_export(export: DataExport) -> None:
    if export.file:
        name = export.file.name
        transaction.on_commit(partial(export.file.storage.delete, name))
    export.delete()
