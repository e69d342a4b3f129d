"""Erasure (GDPR Art. 17): a citizen asks, a grace period passes (logging in undoes it), then
every app erases its part through the registry; staff erase at once on a citizen's request,
written to the staff-access log. Erased ids go on the tombstone list a restore replays."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.limits import hit
from belong.posts.services import pause_posts_of
from belong.privacy.models import ErasureRequest
from belong.privacy.registry import erase_personal_data
from belong.privacy.tombstones import add_tombstone, tombstones

logger = logging.getLogger(__name__)


class ErasureRefused(Exception):
    pass


def pending_erasure(user: User) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, erased_at__isnull=True).first()


def request_erasure(*, user: User, now: datetime.datetime | None = None) -> ErasureRequest:
    """The citizen's own "Slet min konto": erased after the grace period unless they log in.
    Their posts are paused at once (they show them again themselves if they come back)."""
    now = now or clock.now()
    pause_posts_of(author_id=user.pk, now=now)
    erase_after = now + datetime.timedelta(days=settings.BELONG_ERASURE_GRACE_DAYS)
    request, _created = ErasureRequest.objects.update_or_create(
        user=user,
        defaults={
            "requested_by": user,
            "requested_at": now,
            "erase_after": erase_after,
            "erased_at": None,
        },
    )
    return request


def cancel_erasure(*, user: User) -> bool:
    """Logging in within the grace period undoes the request; True when there was one."""
    deleted, _ = ErasureRequest.objects.filter(user=user, erased_at__isnull=True).delete()
    return bool(deleted)


@transaction.atomic
def erase_account(*, user: User, now: datetime.datetime | None = None) -> None:
    """Erase `user` in every app now and put their id on the tombstone list."""
    now = now or clock.now()
    erase_personal_data(user)
    ErasureRequest.objects.update_or_create(
        user=user,
        defaults={"erased_at": now, "erase_after": now},
    )
    transaction.on_commit(lambda: add_tombstone(user.pk))


def erase_on_request(*, staff: User, user: User, reason: str) -> None:
    """Staff erase a citizen who asked them to (in person, by letter): logged first."""
    record_staff_access(staff=staff, subject=user, action="erase account", reason=reason)
    with transaction.atomic():
        erase_account(user=user)
        ErasureRequest.objects.filter(user=user).update(requested_by=staff)


def erase_due(*, now: datetime.datetime | None = None) -> int:
    """Erase every account whose grace period has passed; the daily task's work."""
    now = now or clock.now()
    due = list(
        ErasureRequest.objects.filter(erased_at__isnull=True, erase_after__lte=now)
        .select_related("user")
        .order_by("erase_after")
    )
    for request in due:
        erase_account(user=request.user, now=now)
    logger.info("Erasure: %d accounts erased after their grace period", len(due))
    return len(due)


def replay_tombstones() -> int:
    """After a restore: erase again everyone on the tombstone list the backup still holds."""
    erased = 0
    for user in User.objects.filter(pk__in=tombstones()).order_by("pk"):
        already = ErasureRequest.objects.filter(user=user, erased_at__isnull=False).exists()
        if already and not user.is_active and not user.email:
            continue
        with transaction.atomic():
            erase_personal_data(user)
            now = clock.now()
            ErasureRequest.objects.update_or_create(
                user=user, defaults={"erased_at": now, "erase_after": now}
            )
        erased += 1
    logger.info("After the restore: %d erased accounts erased again", erased)
    return erased


def request_erasure_with_password(*, user: User, password: str) -> ErasureRequest:
    """The API's "Slet min konto": the password stands in for the page's fresh login."""
    hit("erasure_password", user.pk)
    if not user.has_usable_password() or not user.check_password(password):
        raise ErasureRefused(
            _("The password is not right. Without a password, delete your account on the site.")
        )
    return request_erasure(user=user)
