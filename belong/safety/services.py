"""Safety operations: block, unblock, the staff-access log, and "is there a block?"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.places.models import Municipality
from belong.safety.models import Block, StaffAccess


def is_blocked_between(a: User | int, b: User | int) -> bool:
    """True when either person has blocked the other."""
    a_id = getattr(a, "pk", a)
    b_id = getattr(b, "pk", b)
    return Block.objects.filter(
        Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
    ).exists()


def blocked_user_ids(user: User) -> set[int]:
    """Everyone `user` must not see or hear from: people they blocked and who blocked them."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {b if a == user.pk else a for a, b in pairs}


def block_user(*, blocker: User, blocked: User) -> Block:
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def unblock_user(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def record_staff_access(
    *,
    staff: User,
    subject: User | None,
    action: str,
    reason: str,
    municipality: Municipality | None = None,
) -> StaffAccess:
    """Write one row to the append-only staff-access log. Call it before showing the data."""
    if municipality is None and subject is not None:
        municipality = subject.municipality
    return StaffAccess.objects.create(
        staff=staff, subject=subject, municipality=municipality, action=action, reason=reason
    )


def person_contact_refusal(sender: User, recipient: User) -> str | None:
    """Why `sender` may not write privately to `recipient`, in words for the sender, or
    None when they may: the youth rules between two people (an adult never writes to a
    minor, a minor only to another minor) and blocks. Organisations and activities ask
    this before they show anyone a way to reach a person."""
    if sender.pk == recipient.pk:
        return _("This is you.")
    if recipient.is_youth and not sender.is_youth:
        return _("Adults cannot write to young people on Belong.")
    if sender.is_youth and not recipient.is_youth:
        return _("Young people write only to other young people on Belong.")
    if is_blocked_between(sender, recipient):
        return _("You cannot write to this person.")
    return None
