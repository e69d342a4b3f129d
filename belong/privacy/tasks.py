"""The daily erasure of accounts whose grace period has passed, run by `belong tick`."""

from __future__ import annotations

from django_tasks import task


@task()
def erase_due_accounts() -> int:
    from belong.privacy.services import erase_due

    return erase_due()


@task()
def apply_retention() -> dict[str, int]:
    from belong.privacy.retention import apply_retention as apply

    return apply()
