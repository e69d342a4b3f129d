"""Who may write to whom: a rule about people, so a post, an organisation or an activity
asks it about the person behind them. "Adults never start a conversation with a minor"
lives here and nowhere else."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.places.models import Postcode
from belong.safety.services import is_blocked_between


def contact_refusal(sender: User, recipient: User, *, youth_space: bool = True) -> str | None:
    """Why `sender` may not write to `recipient`, in words for the sender, or None when they
    may. Citizens under the adult age only write to young people, and only where the youth
    space is (`youth_space`: False for a post, or a place, in the adult space); adults never
    write to a minor; nobody writes across a block."""
    if sender.pk == recipient.pk:
        return _("You cannot write to yourself.")
    if recipient.is_youth and not sender.is_youth:
        return _("Adults cannot write to young people on Belong.")
    if sender.is_youth and not (youth_space and recipient.is_youth):
        return _("You can only write to posts in the youth space.")
    if sender.is_youth and needs_verified_age(sender):
        return _(
            "Your municipality asks young people to confirm their age before they write in "
            "the youth space. Log in with MitID once, and you can write."
        )
    if recipient.is_youth and needs_verified_age(recipient):
        return _("You cannot write to this person.")
    if is_blocked_between(sender, recipient):
        return _("You cannot write to this person.")
    return None


def needs_verified_age(person: User) -> bool:
    """A young person without a verified age, in a municipality whose youth space opens only
    to verified ages (`BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE`)."""
    codes = settings.BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE
    if not codes or person.age_verified or person.postcode_id is None:
        return False
    return Postcode.objects.filter(pk=person.postcode_id, municipality__code__in=codes).exists()
