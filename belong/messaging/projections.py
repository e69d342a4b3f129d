"""What a reader may see of a message and of a conversation in their inbox.

Pages, the API, e-mails and live pushes all show messages through these functions, so a
message hidden by moderation shows its placeholder everywhere, never its text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from belong.accounts.projections import PersonForReader, person_for_reader
from belong.messaging.models import Conversation, Meeting, Message, MessageKind

HIDDEN_TEXT = gettext_lazy("This message is hidden while a moderator looks at it.")
CLOSED_EXCERPT = gettext_lazy("Closed after a week without an answer. It is not about you.")


def staff_label(conversation: Conversation) -> str:
    """ "From Aalborg Municipality's facilitator" on a conversation a facilitator began as the
    municipality, so it never passes for a citizen's; "" on any other."""
    municipality = conversation.from_municipality if conversation.from_municipality_id else None
    if municipality is None:
        return ""
    return str(STAFF_LABEL) % {"municipality": municipality.name}


STAFF_LABEL = gettext_lazy("From %(municipality)s Municipality's facilitator")


@dataclass(frozen=True)
class MessageForReader:
    """One message as `reader` may see it."""

    pk: int
    conversation_id: int
    kind: str
    # The text to show: the placeholder when the message is hidden.
    text: str
    hidden: bool
    sent_by_me: bool
    # Written by Belong itself (a closure note, the move to the adult space).
    from_belong: bool
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    meeting_id: int | None
    meeting: Meeting | None
    # The sender's own idempotency key; another person's is none of the reader's business.
    client_token: str | None

    @property
    def may_report(self) -> bool:
        """The reader may report another person's message that is still shown."""
        return not (self.sent_by_me or self.from_belong or self.hidden)

    sender_id: int | None

    @property
    def proposes_meeting(self) -> bool:
        """The message that carries a meeting suggestion (not the answer to one)."""
        meeting = self.meeting
        return (
            self.kind == MessageKind.MEETING
            and meeting is not None
            and meeting.proposed_by_id == self.sender_id
        )


def message_for_reader(message: Message, reader) -> MessageForReader:
    hidden = message.hidden_at is not None
    mine = message.sender_id is not None and message.sender_id == reader.pk
    return MessageForReader(
        pk=message.pk,
        conversation_id=message.conversation_id,
        kind=message.kind,
        text=str(HIDDEN_TEXT) if hidden else message.body,
        hidden=hidden,
        sent_by_me=mine,
        from_belong=message.sender_id is None,
        created_at=message.created_at,
        read_at=message.read_at,
        meeting_id=message.meeting_id,
        # Only loaded where the caller selected it; the API needs the id alone.
        meeting=message.meeting if message.meeting_id and _has_meeting(message) else None,
        client_token=message.client_token if mine else None,
        sender_id=message.sender_id,
    )


def _has_meeting(message: Message) -> bool:
    return Message.meeting.is_cached(message)


def messages_for_reader(messages, reader) -> list[MessageForReader]:
    return [message_for_reader(message, reader) for message in messages]


def last_message_for_reader(conversation: Conversation) -> str | None:
    """The inbox's excerpt of a conversation listed by `conversations_for`: its last
    message as the reader may see it."""
    if getattr(conversation, "last_kind", None) == MessageKind.CLOSURE:
        return str(CLOSED_EXCERPT)
    if getattr(conversation, "last_hidden", None) is not None:
        return str(HIDDEN_TEXT)
    return getattr(conversation, "last_body", None)


@dataclass(frozen=True)
class ConversationForReader:
    """A conversation as it is listed for one of its two people."""

    pk: int
    post_id: int | None
    post_title: str
    post_excerpt: str
    status: str
    status_display: str
    is_open: bool
    started_by_me: bool
    other: PersonForReader
    created_at: datetime.datetime
    last_message_at: datetime.datetime
    answered_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    reminder_sent_at: datetime.datetime | None
    unread: int
    last_message: str | None
    # "From Aalborg Municipality's facilitator" when a facilitator wrote first, else "".
    from_staff: str = ""

    @property
    def waits_for_my_answer(self) -> bool:
        """A first message to the reader, unanswered long enough that a reminder went out."""
        return not self.started_by_me and self.status == "awaiting" and bool(self.reminder_sent_at)


def conversation_for_reader(conversation: Conversation, reader) -> ConversationForReader:
    """`conversation` as listed by `conversations_for(reader)` (its unread count and last
    message annotated), as `reader` may see it."""
    return ConversationForReader(
        pk=conversation.pk,
        post_id=conversation.post_id,
        post_title=conversation.post_title,
        post_excerpt=conversation.post_excerpt,
        status=conversation.status,
        status_display=str(conversation.get_status_display()),
        is_open=conversation.is_open,
        started_by_me=conversation.starter_id == reader.pk,
        other=person_for_reader(conversation.other(reader), reader),
        created_at=conversation.created_at,
        last_message_at=conversation.last_message_at,
        answered_at=conversation.answered_at,
        closed_at=conversation.closed_at,
        reminder_sent_at=conversation.reminder_sent_at,
        unread=getattr(conversation, "unread", 0),
        last_message=last_message_for_reader(conversation),
        from_staff=staff_label(conversation),
    )
