"""Outcomes' recurring work: the one gentle reminder per questionnaire round."""

from __future__ import annotations

from django_tasks import task

from belong.outcomes import services


@task()
def send_questionnaire_reminders() -> int:
    return services.send_reminders()
