"""Messaging operations: start a conversation from a post, send, reply kindly, read, meet,
check in, and the rules that keep a first contact from dying in silence.

Pages, tasks, the WebSocket consumer and the benchmark all call these functions."""

from __future__ import annotations

import datetime
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from belong.accounts.models import User
from belong.messaging.models import (
    CheckIn,
    Conversation,
    ConversationStatus,
    EmailMode,
    MeetAgain,
    Meeting,
    MeetingStatus,
    Message,
    MessageKind,
    NotificationSettings,
    Outbox,
    Responsiveness,
)
from belong.posts.models import Post, Status
from belong.safety import limits
from belong.safety.moderation import flag_words
from belong.safety.services import is_blocked_between

logger = logging.getLogger(__name__)

MAX_BODY = 4000
REMINDER_AFTER = datetime.timedelta(days=2)
CLOSE_AFTER = datetime.timedelta(days=7)
# An author who leaves this many first contacts in a row unanswered has their posts paused.
PAUSE_AFTER_UNANSWERED = 3
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


def contact_refusal(sender: User, post: Post) -> str | None:
    """Why `sender` may not write to the author of `post`, in words for the sender, or
    None when they may. The youth rules live here and nowhere else: citizens under 18 only
    write to youth posts, and adults never start a conversation with a minor."""
    author = post.author
    if post.author_id == sender.pk:
        return _("This is your own post.")
    if post.status != Status.PUBLISHED:
        return _("This post is not open for messages right now.")
    if author.is_youth and not sender.is_youth:
        return _("Adults cannot write to young people on Belong.")
    if sender.is_youth and not (post.is_youth and author.is_youth):
        return _("You can only write to posts in the youth space.")
    if is_blocked_between(sender, author):
        return _("You cannot write to this person.")
    return None


def get_conversation_for_user(user: User, pk: int) -> Conversation:
    """The conversation if `user` takes part in it, else 404: another citizen's id never
    reveals anything."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Conversation.objects.select_related("starter", "recipient", "post").get(
            Q(starter=user) | Q(recipient=user), pk=pk
        )
    except Conversation.DoesNotExist:
        raise Http404 from None


def conversations_for(user: User) -> QuerySet[Conversation]:
    """The inbox listing: the user's conversations with the other person, the last message
    and the unread count, in one query."""
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Conversation.objects.filter(Q(starter=user) | Q(recipient=user))
        .select_related("starter", "recipient")
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


UNREAD_CACHE_SECONDS = 24 * 60 * 60


def _unread_key(user_id: int) -> str:
    return f"messaging:unread:{user_id}"


def unread_count(user: User) -> int:
    """The header's unread count. Every page shows it, so it is cached and forgotten
    whenever a message reaches the user or they read one: pages keep their query budget."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Message.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def warm_unread_count(sender=None, *, user: User, **kwargs) -> None:
    cache.delete(_unread_key(user.pk))
    unread_count(user)


def _forget_unread_after_commit(user_id: int) -> None:
    transaction.on_commit(lambda: cache.delete(_unread_key(user_id)))


# --- Sending ---------------------------------------------------------------------------------


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


def _already_sent(sender: User, client_token: str) -> Message | None:
    message = Message.objects.select_related("conversation").filter(client_token=client_token)
    found = message.first()
    if found is not None and found.sender_id != sender.pk:
        raise ValidationError(_("Something went wrong. Please send the message again."))
    return found


NEW_ACCOUNT_AGE = datetime.timedelta(days=7)


def first_contact_scope(sender: User, *, now: datetime.datetime | None = None) -> str:
    """Accounts younger than a week start fewer conversations a day (a common spam pattern)."""
    now = now or timezone.now()
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
    now = now or timezone.now()
    client_token = _clean_token(client_token)
    if (sent := _already_sent(sender, client_token)) is not None:
        return sent
    body = _clean_body(body)
    refusal = contact_refusal(sender, post)
    if refusal:
        raise ValidationError(refusal, code="refused")
    existing = Conversation.objects.filter(post=post, starter=sender).first()
    if existing is not None:
        return send_message(
            sender=sender, conversation=existing, body=body, client_token=client_token, now=now
        )
    # Raises RateLimited: pages show its polite message, the API answers 429.
    limits.hit(first_contact_scope(sender, now=now), sender.pk)
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                post=post,
                starter=sender,
                recipient=post.author,
                post_title=post.title,
                post_excerpt=_excerpt(post.body),
                created_at=now,
                last_message_at=now,
            )
            message = Message.objects.create(
                conversation=conversation,
                sender=sender,
                recipient=post.author,
                body=body,
                client_token=client_token,
                created_at=now,
            )
            _owe_email("first_message", post.author, conversation, key_id=conversation.pk)
            flag_words(author=sender, target="message", obj=message, text=body)
            _push_after_commit(conversation.pk, message.pk, post.author_id)
    except IntegrityError:
        # A double click raced us: the other request stored the message (or the
        # conversation); answer with what is there.
        if (sent := _already_sent(sender, client_token)) is not None:
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
    now = now or timezone.now()
    client_token = _clean_token(client_token)
    if (sent := _already_sent(sender, client_token)) is not None:
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
            updates = {"last_message_at": now}
            if sender.pk == locked.recipient_id and locked.answered_at is None:
                updates["answered_at"] = now
                updates["status"] = ConversationStatus.ANSWERED
                _count_answer(sender, within_day=now - locked.created_at <= datetime.timedelta(1))
            if kind == MessageKind.DECLINE:
                updates["status"] = ConversationStatus.DECLINED
                updates["closed_at"] = now
            Conversation.objects.filter(pk=locked.pk).update(**updates)
            for field, value in updates.items():
                setattr(conversation, field, value)
            _push_after_commit(locked.pk, message.pk, other.pk)
    except IntegrityError:
        if (sent := _already_sent(sender, client_token)) is not None:
            return sent
        raise
    return message


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
    ).update(read_at=now or timezone.now())
    if updated:
        cache.delete(_unread_key(user.pk))
    return updated


# --- Live delivery ---------------------------------------------------------------------------


def conversation_group(conversation_id: int) -> str:
    return f"conversation-{conversation_id}"


def _push_after_commit(conversation_id: int, message_id: int, recipient_id: int) -> None:
    _forget_unread_after_commit(recipient_id)
    transaction.on_commit(lambda: push_message(conversation_id, message_id))


def push_message(conversation_id: int, message_id: int) -> bool:
    """Tell everyone watching the conversation that a message is there. Never raises: when
    the channel layer (Redis) is down, the message is saved and the pages' polling shows it."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    try:
        layer = get_channel_layer()
        if layer is None:
            return False
        async_to_sync(layer.group_send)(
            conversation_group(conversation_id),
            {"type": "conversation.message", "message_id": message_id, "sent_at": time.time()},
        )
    except Exception:  # noqa: BLE001  (any layer failure: log it, polling takes over)
        logger.warning("Live delivery of message %s failed; polling will show it", message_id)
        return False
    return True


# --- Responsiveness --------------------------------------------------------------------------


def _responsiveness(user: User | int) -> Responsiveness:
    row, _created = Responsiveness.objects.get_or_create(user_id=getattr(user, "pk", user))
    return row


def _rescore(pk: int) -> None:
    Responsiveness.objects.filter(pk=pk, first_contacts__gt=0).update(
        score=F("answered_within_day") * 100 / F("first_contacts"), updated_at=timezone.now()
    )


def _count_answer(author: User, *, within_day: bool) -> None:
    row = _responsiveness(author)
    Responsiveness.objects.filter(pk=row.pk).update(
        first_contacts=F("first_contacts") + 1,
        answered=F("answered") + 1,
        answered_within_day=F("answered_within_day") + int(within_day),
        unanswered_in_a_row=0,
    )
    _rescore(row.pk)


def _count_silence(author_id: int) -> int:
    """Count a first contact closed after silence; return how many in a row."""
    row = _responsiveness(author_id)
    Responsiveness.objects.filter(pk=row.pk).update(
        first_contacts=F("first_contacts") + 1, unanswered_in_a_row=F("unanswered_in_a_row") + 1
    )
    _rescore(row.pk)
    row.refresh_from_db(fields=["unanswered_in_a_row"])
    return row.unanswered_in_a_row


# Authors with too little history rank in the middle, neither helped nor held back.
NEUTRAL_SCORE = 50


def with_author_responsiveness(posts: QuerySet[Post]) -> QuerySet[Post]:
    """Annotate posts with `author_responsiveness` (0-100, the share of first contacts the
    author answered within a day), so that search can prefer responsive authors by ordering
    on it. One indexed subquery on the stored figure; no join to messages."""
    score = Responsiveness.objects.filter(
        user_id=OuterRef("author_id"), first_contacts__gte=2
    ).values("score")[:1]
    return posts.annotate(author_responsiveness=Coalesce(Subquery(score), Value(NEUTRAL_SCORE)))


def responsiveness_text(user: User | int) -> str:
    """The line a post shows about how its author answers, from their history."""
    row = Responsiveness.objects.filter(user_id=getattr(user, "pk", user)).first()
    if row is None or row.first_contacts < 2:
        return _("Has not had many messages here yet")
    if row.answered_within_day * 10 >= row.first_contacts * 6:
        return _("Usually replies within a day")
    if row.answered * 10 >= row.first_contacts * 6:
        return _("Usually replies within a few days")
    if row.answered * 10 >= row.first_contacts * 3:
        return _("Replies now and then")
    return _("Rarely replies")


# --- Reminders, closure and pausing ----------------------------------------------------------


def send_reminders(*, now: datetime.datetime | None = None) -> list[int]:
    """Remind the recipients of first messages unanswered for 2 days, once each."""
    now = now or timezone.now()
    due = Conversation.objects.filter(
        status=ConversationStatus.AWAITING,
        reminder_sent_at__isnull=True,
        created_at__lte=now - REMINDER_AFTER,
        # One about to close gets the closure, not a reminder.
        created_at__gt=now - CLOSE_AFTER,
    ).values_list("pk", "recipient_id")
    reminded = []
    for pk, recipient_id in list(due):
        with transaction.atomic():
            claimed = Conversation.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                _owe_email("reminder", recipient_id, pk, key_id=pk)
                reminded.append(pk)
    return reminded


CLOSURE_NOTE = gettext_lazy(
    "We have closed this conversation because there has been no answer for a week. "
    "It is not about you: people are sometimes busy or no longer look in here. "
    "There are many others who would like company, so have a look at other posts."
)


def close_silent_conversations(*, now: datetime.datetime | None = None) -> list[int]:
    """After 7 days with no answer, close the contact and write the sender a gentle note;
    nobody waits forever. An author who leaves 3 first contacts in a row unanswered has
    their posts paused, with an e-mail that says how to show them again."""
    from django.utils import translation

    now = now or timezone.now()
    due = Conversation.objects.filter(
        status=ConversationStatus.AWAITING, created_at__lte=now - CLOSE_AFTER
    ).values_list("pk", "starter_id", "recipient_id")
    closed = []
    for pk, starter_id, recipient_id in list(due):
        with transaction.atomic():
            claimed = Conversation.objects.filter(pk=pk, status=ConversationStatus.AWAITING).update(
                status=ConversationStatus.CLOSED, closed_at=now, last_message_at=now
            )
            if not claimed:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                note = str(CLOSURE_NOTE)
            message = Message.objects.create(
                conversation_id=pk,
                sender=None,
                recipient_id=starter_id,
                kind=MessageKind.CLOSURE,
                body=note,
                created_at=now,
            )
            _owe_email("closure", starter_id, pk, key_id=pk)
            _push_after_commit(pk, message.pk, starter_id)
            if _count_silence(recipient_id) >= PAUSE_AFTER_UNANSWERED:
                pause_posts_of_silent_author(author_id=recipient_id, conversation_id=pk)
            closed.append(pk)
    return closed


def pause_posts_of_silent_author(*, author_id: int, conversation_id: int) -> int:
    """Pause the author's posts through the posts services (the search index follows
    them), tell the author kindly, and give them a fresh start."""
    from belong.posts.services import pause_post

    author = User.objects.get(pk=author_id)
    paused = 0
    for post in Post.objects.filter(author=author, status=Status.PUBLISHED):
        pause_post(author=author, post=post)
        paused += 1
    Responsiveness.objects.filter(user_id=author_id).update(unanswered_in_a_row=0)
    if paused:
        _owe_email("posts_paused", author, conversation_id, key_id=conversation_id)
    return paused


# --- Meetings and check-ins ------------------------------------------------------------------


def _clean_place(place: str) -> str:
    place = " ".join((place or "").split())
    if not place:
        raise ValidationError(_("Write a public place where you can meet, e.g. a café."))
    if len(place) > 200:
        raise ValidationError(_("Keep the place short: at most 200 characters."))
    return place


def propose_meeting(
    *,
    proposer: User,
    conversation: Conversation,
    starts_at: datetime.datetime,
    place: str,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Suggest a date, a time and a public place. A new suggestion replaces an open one."""
    now = now or timezone.now()
    if not conversation.is_participant(proposer):
        raise Http404
    if not conversation.is_open:
        raise ValidationError(_("This conversation has ended. You cannot write more here."))
    place = _clean_place(place)
    if starts_at <= now:
        raise ValidationError(_("Choose a time in the future."))
    with transaction.atomic():
        conversation.meetings.filter(status=MeetingStatus.PROPOSED).update(
            status=MeetingStatus.REPLACED, answered_at=now
        )
        meeting = Meeting.objects.create(
            conversation=conversation,
            proposed_by=proposer,
            starts_at=starts_at,
            place=place,
            created_at=now,
        )
        when = date_format(timezone.localtime(starts_at), "WEEKDAY_DATETIME_FORMAT")
        send_message(
            sender=proposer,
            conversation=conversation,
            body=_("Shall we meet? %(when)s, %(place)s") % {"when": when, "place": place},
            client_token=f"meeting-{meeting.pk}",
            now=now,
            kind=MessageKind.MEETING,
            meeting=meeting,
        )
        _owe_email("meeting", conversation.other(proposer), conversation, key_id=meeting.pk)
    return meeting


ANSWERS = {"accept": MeetingStatus.ACCEPTED, "decline": MeetingStatus.DECLINED}


def get_meeting_for_user(user: User, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("conversation").get(
            Q(conversation__starter=user) | Q(conversation__recipient=user), pk=pk
        )
    except Meeting.DoesNotExist:
        raise Http404 from None


def answer_meeting(
    *, user: User, meeting: Meeting, answer: str, now: datetime.datetime | None = None
) -> Meeting:
    """Accept or decline a suggested meeting (to suggest another time, propose one)."""
    now = now or timezone.now()
    conversation = meeting.conversation
    if not conversation.is_participant(user):
        raise Http404
    if answer not in ANSWERS:
        raise ValidationError(_("Choose an answer."))
    if meeting.proposed_by_id == user.pk:
        raise ValidationError(_("The other person answers your suggestion."))
    with transaction.atomic():
        updated = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.PROPOSED).update(
            status=ANSWERS[answer], answered_at=now
        )
        if not updated:
            raise ValidationError(_("This suggestion has already been answered."))
        meeting.status = ANSWERS[answer]
        meeting.answered_at = now
        body = (
            _("Yes, let us meet then. See you!")
            if answer == "accept"
            else _("That time does not suit me, unfortunately.")
        )
        send_message(
            sender=user,
            conversation=conversation,
            body=body,
            client_token=f"meeting-{meeting.pk}-{answer}",
            now=now,
            kind=MessageKind.MEETING,
            meeting=meeting,
        )
    return meeting


def due_checkins(
    user: User, conversation: Conversation, now: datetime.datetime | None = None
) -> list[Meeting]:
    """Agreed meetings whose time has come that `user` has not yet told us about."""
    now = now or timezone.now()
    return list(
        conversation.meetings.filter(status=MeetingStatus.ACCEPTED, starts_at__lte=now).exclude(
            checkins__user=user
        )
    )


def answer_checkin(
    *,
    user: User,
    meeting: Meeting,
    met: bool,
    meet_again: str = "",
    now: datetime.datetime | None = None,
) -> CheckIn:
    """Store a private answer after an agreed meeting. Never shown to the other person."""
    now = now or timezone.now()
    if not meeting.conversation.is_participant(user):
        raise Http404
    if meeting.status != MeetingStatus.ACCEPTED or meeting.starts_at > now:
        raise ValidationError(_("You can tell us how it went after the meeting."))
    if meet_again and meet_again not in MeetAgain.values:
        raise ValidationError(_("Choose an answer."))
    checkin, _created = CheckIn.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults={"met": met, "meet_again": meet_again if met else "", "answered_at": now},
    )
    return checkin


# --- E-mail notifications --------------------------------------------------------------------


def email_mode(user: User | int) -> str:
    row = NotificationSettings.objects.filter(user_id=getattr(user, "pk", user)).first()
    return row.email_mode if row else EmailMode.INSTANT


def set_email_mode(*, user: User, mode: str) -> NotificationSettings:
    if mode not in EmailMode.values:
        raise ValidationError(_("Choose how you would like to hear from us."))
    row, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_mode": mode}
    )
    return row


def _owe_email(kind: str, recipient, conversation, *, key_id: int) -> Outbox | None:
    """Record, in the caller's transaction, that `recipient` is owed one e-mail about this
    event; after the commit a task sends it (or the daily summary does)."""
    recipient_id = getattr(recipient, "pk", recipient)
    mode = email_mode(recipient_id)
    if mode == EmailMode.OFF:
        return None
    row, created = Outbox.objects.get_or_create(
        key=f"{kind}:{key_id}:{recipient_id}",
        defaults={
            "kind": kind,
            "recipient_id": recipient_id,
            "conversation_id": getattr(conversation, "pk", conversation),
            "in_summary": mode == EmailMode.DAILY,
        },
    )
    if created and not row.in_summary:
        from belong.messaging.tasks import send_outbox_email

        transaction.on_commit(lambda: send_outbox_email.enqueue(row.pk))
    return row


def claim_outbox(pk: int, *, now: datetime.datetime | None = None) -> Outbox | None:
    """Claim one owed e-mail for sending. Only the first claim wins, so a retried task or a
    second worker never sends it again (at most once: a worker that dies after the claim
    loses that one e-mail rather than sending it twice)."""
    now = now or timezone.now()
    if not Outbox.objects.filter(pk=pk, claimed_at__isnull=True).update(claimed_at=now):
        return None
    return Outbox.objects.select_related("recipient", "conversation").get(pk=pk)


def claim_summaries(*, now: datetime.datetime | None = None) -> dict[int, list[Outbox]]:
    """Claim every e-mail waiting for the daily summary, grouped by recipient."""
    now = now or timezone.now()
    waiting = list(
        Outbox.objects.filter(in_summary=True, claimed_at__isnull=True).values_list("pk", flat=True)
    )
    claimed = []
    for pk in waiting:
        if Outbox.objects.filter(pk=pk, claimed_at__isnull=True).update(claimed_at=now):
            claimed.append(pk)
    by_recipient: dict[int, list[Outbox]] = {}
    for row in Outbox.objects.filter(pk__in=claimed).select_related("recipient", "conversation"):
        by_recipient.setdefault(row.recipient_id, []).append(row)
    return by_recipient


def mark_sent(rows: list[Outbox], *, now: datetime.datetime | None = None) -> None:
    Outbox.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=now or timezone.now())
