""" "Your turn": nobody is flooded by someone they have not answered, and nobody waits on
many silent first contacts at once. Both limits are told kindly, with what to do instead."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from belong.accounts.models import User
from belong.messaging.closure import CLOSE_AFTER, REMINDER_AFTER
from belong.messaging.models import Conversation, ConversationStatus, Message, MessageKind

# Messages a person may send in a row before the other person answers.
MAX_IN_A_ROW = 2
# What counts as writing again. A meeting suggestion or its answer is neither counted nor
# held back (there is one open suggestion at a time), and a kind goodbye always goes.
COUNTED_KINDS = (MessageKind.TEXT, MessageKind.READY)
# First contacts a person may have waiting for an answer at the same time.
MAX_OPEN_FIRST_CONTACTS = 5


def in_a_row(sender: User, conversation: Conversation) -> int:
    """How many of the latest messages in `conversation` are the sender's, unanswered."""
    latest = Message.objects.filter(conversation=conversation).exclude(kind=MessageKind.MEETING)
    latest = latest.order_by("-created_at", "-pk")
    count = 0
    for sender_id, kind in latest.values_list("sender_id", "kind")[: MAX_IN_A_ROW + 1]:
        if sender_id != sender.pk or kind not in COUNTED_KINDS:
            break
        count += 1
    return count


def turn_refusal(sender: User, conversation: Conversation) -> str | None:
    """Why `sender` should wait before writing again here, or None when they may write."""
    if in_a_row(sender, conversation) < MAX_IN_A_ROW:
        return None
    other = conversation.other(sender)
    return _(
        "You have written %(count)s messages in a row, so now it is %(name)s's turn. "
        "People sometimes need a few days to answer. You are welcome to wait, or to write "
        "to someone else in the meantime."
    ) % {"count": MAX_IN_A_ROW, "name": other.display_name}


def open_first_contacts(sender: User) -> int:
    """The sender's first contacts that still wait for an answer."""
    return Conversation.objects.filter(
        starter=sender,
        status=ConversationStatus.AWAITING,
        answered_at__isnull=True,
        from_municipality__isnull=True,
    ).count()


def first_contact_refusal(sender: User, *, waiting: int | None = None) -> str | None:
    """Why `sender` should wait before starting another conversation, or None."""
    waiting = open_first_contacts(sender) if waiting is None else waiting
    if waiting < MAX_OPEN_FIRST_CONTACTS:
        return None
    return _(
        "%(count)s of your first messages are still waiting for an answer. Give them a few "
        "days: when someone answers, or a conversation is closed, you can write to someone new."
    ) % {"count": waiting}


def first_contacts_note(sender: User, *, waiting: int | None = None) -> str:
    """The count shown on the message form: how many first contacts wait, out of how many."""
    waiting = open_first_contacts(sender) if waiting is None else waiting
    return ngettext(
        "%(count)s of your %(max)s first messages is waiting for an answer.",
        "%(count)s of your %(max)s first messages are waiting for an answer.",
        waiting,
    ) % {"count": waiting, "max": MAX_OPEN_FIRST_CONTACTS}


def norms() -> list[str]:
    """What a sender may expect, shown before the first message is sent."""
    return [
        _("People often answer within a few days."),
        ngettext(
            "If there is no answer after %(days)s day, we send a friendly reminder.",
            "If there is no answer after %(days)s days, we send a friendly reminder.",
            REMINDER_AFTER.days,
        )
        % {"days": REMINDER_AFTER.days},
        ngettext(
            "If there is still no answer after %(days)s day, we tell you kindly, so you "
            "are not left waiting.",
            "If there is still no answer after %(days)s days, we tell you kindly, so you "
            "are not left waiting.",
            CLOSE_AFTER.days,
        )
        % {"days": CLOSE_AFTER.days},
    ]
