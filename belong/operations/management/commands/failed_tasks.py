"""Operators' view of background tasks that failed: given up, or waiting to be retried."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from belong.operations.recovery import attempts


class Command(BaseCommand):
    help = (
        "List background tasks that failed (given up after their last attempt, or waiting "
        "for a retry), or queue failed ones again with --retry ID ... / --retry-all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retry", nargs="+", metavar="ID", default=[])
        parser.add_argument("--retry-all", action="store_true")
        parser.add_argument("--traceback-lines", type=int, default=3)

    def handle(self, *args, retry, retry_all, traceback_lines, **options):
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        if retry or retry_all:
            chosen = failed if retry_all else failed.filter(pk__in=retry)
            try:
                count = chosen.update(
                    status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
                )
            except Exception as error:  # an id that is no UUID
                raise CommandError(f"Not a task id: {error}") from error
            self.stdout.write(f"Queued again: {count}")
            return
        retrying = DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(
            exception_class_path=""
        )
        rows = [*failed.order_by("-finished_at"), *retrying.order_by("run_after")]
        if not rows:
            self.stdout.write("No failed tasks.")
            return
        for row in rows:
            state = "given up" if row.status == TaskResultStatus.FAILED else "retrying"
            when = (
                f"last failed {row.finished_at:%Y-%m-%d %H:%M}"
                if row.finished_at
                else f"runs again after {row.run_after:%Y-%m-%d %H:%M}"
            )
            self.stdout.write(
                f"{row.id}  {row.task_path}  {state}, {attempts(row)} attempts, {when}"
            )
            self.stdout.write(f"    {row.exception_class_path}")
            tail = [line for line in row.traceback.splitlines() if line.strip()]
            for line in tail[-traceback_lines:] if traceback_lines else []:
                self.stdout.write(f"    {line}")
