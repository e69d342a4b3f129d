"""Who may write to whom: a rule about people, so a post, an organisation or an activity
asks it about the person behind them. "Adults never start a conversation with a minor"
lives here and nowhere else."""

from __future__ import annotations

from django.utils.translation import gettext as _

from belong.accounts.models import User
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
    if is_blocked_between(sender, recipient):
        return _("You cannot write to this person.")
    return None
