"""Conversations and sending: who may write to whom, the inbox, starting a conversation
from a post, sending, kind ready-made replies and reading.

Pages, the API, tasks and the benchmark all call these functions. Live delivery, meetings,
reminders and closure, responsiveness and e-mail notifications have their own modules."""

from __future__ import annotations

import datetime
import logging
import re
import uuid

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from belong.accounts.models import User
from belong.core import clock, limits
from belong.messaging.live import push_after_commit, unread_key
from belong.messaging.models import (
    Conversation,
    ConversationStatus,
    Meeting,
    Message,
    MessageKind,
)
from belong.messaging.notifications import owe_email
from belong.messaging.responsiveness import count_answer
from belong.messaging.turns import COUNTED_KINDS, first_contact_refusal, turn_refusal
from belong.organisations.models import EDITING_ROLES, Membership, Role
from belong.posts.models import Post, Status
from belong.safety.contact import contact_refusal
from belong.safety.services import is_blocked_between
from belong.safety.wordlist import flag_words

logger = logging.getLogger(__name__)

MAX_BODY = 4000
TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

# Ready-made replies: one tap each. "decline" is the warm goodbye that closes the contact.
READY_REPLIES = {
    "thanks": gettext_lazy("Thank you for your message! I would like to hear more about you."),
    "coffee": gettext_lazy("Thank you! Shall we meet for a cup of coffee one day?"),
    "later": gettext_lazy(
        "Thank you for writing. I am busy right now, but I will answer properly in a few days."
    ),
    "decline": gettext_lazy(
        "Thank you for your message. I do not think we are a good match, but good luck!"
    ),
}
DECLINE = "decline"


def new_client_token() -> str:
    return uuid.uuid4().hex


# --- Who may write to whom -------------------------------------------------------------------


def post_contact_refusal(sender: User, post: Post) -> str | None:
    """Why `sender` may not write to the author of `post`, in words for the sender, or None
    when they may: the post must be someone else's and open, and the rule about people
    (`belong.safety.contact.contact_refusal`) must let the sender write to its author."""
    if post.author_id == sender.pk:
        return _("This is your own post.")
    if post.status != Status.PUBLISHED:
        return _("This post is not open for messages right now.")
    recipient = post_recipient(post)
    if recipient.pk == sender.pk:
        return _("This is your organisation's own post.")
    return contact_refusal(sender, recipient, youth_space=post.is_youth)


def post_recipient(post: Post) -> User:
    """Who a first message to `post` reaches: its author, or for a post written as an
    organisation one of the organisation's editors: the author while still an owner or
    editor, else its first owner (editors are adults, so the contact rule about people
    still decides who may write)."""
    if not post.organisation_id:
        return post.author
    editors = (
        Membership.objects.filter(organisation_id=post.organisation_id, role__in=EDITING_ROLES)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    chosen = None
    for membership in editors:
        if membership.user_id == post.author_id:
            return membership.user
        if chosen is None or (membership.role == Role.OWNER and chosen.role != Role.OWNER):
            chosen = membership
    return chosen.user if chosen is not None else post.author


def get_conversation_for_user(user: User, pk: int) -> Conversation:
    """The conversation if `user` takes part in it, else 404: another citizen's id never
    reveals anything."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Conversation.objects.select_related(
            "starter", "recipient", "post", "from_municipality"
        ).get(Q(starter=user) | Q(recipient=user), pk=pk)
    except Conversation.DoesNotExist:
        raise Http404 from None


def conversations_for(user: User) -> QuerySet[Conversation]:
    """The inbox listing: the user's conversations with the other person, the last message
    and the unread count, in one query."""
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Conversation.objects.filter(Q(starter=user) | Q(recipient=user))
        .select_related("starter", "recipient", "from_municipality")
        .annotate(
            unread=Count(
                "messages", filter=Q(messages__recipient=user, messages__read_at__isnull=True)
            ),
            last_body=Subquery(last.values("body")[:1]),
            last_kind=Subquery(last.values("kind")[:1]),
            last_hidden=Subquery(last.values("hidden_at")[:1]),
        )
        .order_by("-last_message_at", "-pk")
    )


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError(_("Write a message before you send it."), code="empty")
    if len(body) > MAX_BODY:
        raise ValidationError(
            _("A message can be at most %(max)s characters. Yours has %(count)s.")
            % {"max": MAX_BODY, "count": len(body)},
            code="too_long",
        )
    return body


def _clean_token(client_token: str | None) -> str:
    if not client_token:
        return new_client_token()
    if not TOKEN.match(client_token):
        raise ValidationError(_("Something went wrong. Please send the message again."))
    return client_token


TOKEN_REUSED = "client_token_reused"  # noqa: S105  (an error code, not a secret)


def _already_sent(
    sender: User,
    client_token: str,
    *,
    conversation_id: int | None = None,
    post_id: int | None = None,
) -> Message | None:
    """The sender's message stored with this token (a retry sends nothing new), or None.
    Tokens are the sender's own: another person's same token is no concern of theirs. The
    same token in another conversation is a mistake of the sending app: say so, rather
    than answer with an old message from elsewhere."""
    found = (
        Message.objects.select_related("conversation")
        .filter(sender=sender, client_token=client_token)
        .first()
    )
    if found is None:
        return None
    same = (
        found.conversation_id == conversation_id
        if conversation_id is not None
        else found.conversation.post_id == post_id and found.conversation.starter_id == sender.pk
    )
    if not same:
        raise ValidationError(
            _("This message was already sent in another conversation. Please write it again here."),
            code=TOKEN_REUSED,
        )
    return found


NEW_ACCOUNT_AGE = datetime.timedelta(days=7)


def first_contact_scope(sender: User, *, now: datetime.datetime | None = None) -> str:
    """Accounts younger than a week start fewer conversations a day (a common spam pattern)."""
    now = now or clock.now()
    if sender.date_joined and now - sender.date_joined < NEW_ACCOUNT_AGE:
        return "first_contact_new_account"
    return "first_contact"


def start_conversation(
    *,
    sender: User,
    post: Post,
    body: str,
    client_token: str | None,
    now: datetime.datetime | None = None,
) -> Message:
    """Write to the author of `post`. The first message quotes the post; a second first
    message to the same post goes into the same conversation."""
    now = now or clock.now()
    client_token = _clean_token(client_token)
    if (sent := _already_sent(sender, client_token, post_id=post.pk)) is not None:
        return sent
    body = _clean_body(body)
    refusal = post_contact_refusal(sender, post)
    if refusal:
        raise ValidationError(refusal, code="refused")
    existing = Conversation.objects.filter(post=post, starter=sender).first()
    if existing is not None:
        return send_message(
            sender=sender, conversation=existing, body=body, client_token=client_token, now=now
        )
    if (waiting := first_contact_refusal(sender)) is not None:
        raise ValidationError(waiting, code="your_turn")
    # Raises RateLimited: pages show its polite message, the API answers 429.
    limits.hit(first_contact_scope(sender, now=now), sender.pk)
    recipient = post_recipient(post)
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                post=post,
                starter=sender,
                recipient=recipient,
                post_title=post.title,
                post_excerpt=_excerpt(post.body),
                created_at=now,
                last_message_at=now,
            )
            message = Message.objects.create(
                conversation=conversation,
                sender=sender,
                recipient=recipient,
                body=body,
                client_token=client_token,
                created_at=now,
            )
            owe_email("first_message", recipient, conversation, key_id=conversation.pk)
            flag_words(author=sender, target="message", obj=message, text=body)
            push_after_commit(conversation.pk, message.pk, recipient.pk)
    except IntegrityError:
        # A double click raced us: the other request stored the message (or the
        # conversation); answer with what is there.
        if (sent := _already_sent(sender, client_token, post_id=post.pk)) is not None:
            return sent
        existing = Conversation.objects.get(post=post, starter=sender)
        return send_message(
            sender=sender, conversation=existing, body=body, client_token=client_token, now=now
        )
    return message


def _excerpt(text: str, length: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def send_message(
    *,
    sender: User,
    conversation: Conversation,
    body: str,
    client_token: str | None,
    now: datetime.datetime | None = None,
    kind: str = MessageKind.TEXT,
    meeting: Meeting | None = None,
) -> Message:
    """Store a message (once per client token), then push it to the other side after the
    commit. A failed push loses nothing: the page polls."""
    now = now or clock.now()
    client_token = _clean_token(client_token)
    if (
        sent := _already_sent(sender, client_token, conversation_id=conversation.pk, post_id=None)
    ) is not None:
        return sent
    body = _clean_body(body)
    if not conversation.is_participant(sender):
        raise Http404
    if not conversation.is_open:
        raise ValidationError(_("This conversation has ended. You cannot write more here."))
    other = conversation.other(sender)
    if is_blocked_between(sender, other):
        raise ValidationError(_("You cannot write to this person."))
    limits.hit("message", sender.pk)  # RateLimited: a polite message, or 429 in the API
    try:
        with transaction.atomic():
            # Lock the conversation row, so that an answer and a closure never cross.
            locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
            if not locked.is_open:
                raise ValidationError(_("This conversation has ended. You cannot write more here."))
            if kind in COUNTED_KINDS and (turn := turn_refusal(sender, locked)):
                raise ValidationError(turn, code="your_turn")
            message = Message.objects.create(
                conversation=locked,
                sender=sender,
                recipient=other,
                body=body,
                kind=kind,
                meeting=meeting,
                client_token=client_token,
                created_at=now,
            )
            updates: dict[str, object] = {"last_message_at": now}
            if sender.pk == locked.recipient_id and locked.answered_at is None:
                updates["answered_at"] = now
                updates["status"] = ConversationStatus.ANSWERED
                if not locked.is_from_staff:  # answering the municipality is no first contact
                    count_answer(
                        sender, within_day=now - locked.created_at <= datetime.timedelta(1)
                    )
            if kind == MessageKind.DECLINE:
                updates["status"] = ConversationStatus.DECLINED
                updates["closed_at"] = now
                # The kind "no" reaches the other person by e-mail too, with what to try next.
                owe_email("declined", other, locked, key_id=locked.pk)
            Conversation.objects.filter(pk=locked.pk).update(**updates)
            for field, value in updates.items():
                setattr(conversation, field, value)
            push_after_commit(locked.pk, message.pk, other.pk)
    except IntegrityError:
        if (
            sent := _already_sent(
                sender, client_token, conversation_id=conversation.pk, post_id=None
            )
        ) is not None:
            return sent
        raise
    return message


def may_send_ready_reply(user: User, conversation: Conversation) -> bool:
    """Ready-made replies answer a message received: the post's author always has the first
    message to answer; the one who wrote first only once the author has answered. So the
    sender of an unanswered first message is never offered "I do not think we match"
    against their own message."""
    return conversation.recipient_id == user.pk or conversation.answered_at is not None


def ready_replies_for(user: User, conversation: Conversation) -> list[tuple[str, str]]:
    """The ready-made replies `user` is offered in `conversation`: (key, text) pairs."""
    if not may_send_ready_reply(user, conversation):
        return []
    return [(key, str(text)) for key, text in READY_REPLIES.items()]


def send_ready_reply(
    *,
    sender: User,
    conversation: Conversation,
    reply: str,
    client_token: str | None,
    now: datetime.datetime | None = None,
) -> Message:
    """One tap: a ready-made kind reply in the sender's language. The warm decline ends
    the contact politely; the other person reads a kind answer, not a rejection notice."""
    if reply not in READY_REPLIES:
        raise ValidationError(_("Choose one of the ready-made replies."))
    if not may_send_ready_reply(sender, conversation):
        raise ValidationError(
            _("Ready-made replies answer a message you have received. Write your own words here."),
            code="no_ready_reply",
        )
    return send_message(
        sender=sender,
        conversation=conversation,
        body=str(READY_REPLIES[reply]),
        client_token=client_token,
        now=now,
        kind=MessageKind.DECLINE if reply == DECLINE else MessageKind.READY,
    )


def mark_read(
    *, user: User, conversation: Conversation, now: datetime.datetime | None = None
) -> int:
    updated = Message.objects.filter(
        conversation=conversation, recipient=user, read_at__isnull=True
    ).update(read_at=now or clock.now())
    if updated:
        cache.delete(unread_key(user.pk))
    return updated
