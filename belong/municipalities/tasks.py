"""Background work for the municipalities: sending a newsletter. Tasks take ids."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_newsletter(newsletter_id: int) -> int:
    from belong.municipalities.newsletter import deliver

    return deliver(newsletter_id)
