"""The daily 18th-birthday move, run by `belong tick`."""

from __future__ import annotations

from django_tasks import task


@task()
def move_adults_out_of_youth_space() -> int:
    from belong.adulthood.services import move_new_adults

    return len(move_new_adults())
