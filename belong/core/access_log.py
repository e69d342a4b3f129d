"""The staff-access log: every staff look at a citizen's personal data is written here first."""

from __future__ import annotations

from belong.core.models import StaffAccess


def record_staff_access(
    *,
    staff,
    subject,
    action: str,
    reason: str,
    municipality=None,
) -> StaffAccess:
    """Write one row to the append-only staff-access log. Call it before showing the data."""
    if municipality is None and subject is not None:
        municipality = subject.municipality
    return StaffAccess.objects.create(
        staff=staff, subject=subject, municipality=municipality, action=action, reason=reason
    )


def record_staff_accesses(
    *, staff, subjects: list[tuple[int, int | None]], action: str, reason: str
) -> list[StaffAccess]:
    """One row per (subject id, municipality id) in one query: a listing of many people."""
    return StaffAccess.objects.bulk_create(
        [
            StaffAccess(
                staff=staff,
                subject_id=subject_id,
                municipality_id=municipality_id,
                action=action,
                reason=reason,
            )
            for subject_id, municipality_id in subjects
        ]
    )
