"""When a citizen moves between the youth space and the adult space, they leave their small
groups in the space they left: minors and adults are never in one group. Their stored
suggestions are computed again on the next read (the fingerprint holds the space)."""

from __future__ import annotations

from belong.matching.groups import leave_groups_of_space


def leave_groups_left_behind(*, user, now, youth: bool, reason: str) -> int:
    return leave_groups_of_space(user=user, youth=not youth, now=now)


ON_CHANGING_SPACE = [leave_groups_left_behind]
