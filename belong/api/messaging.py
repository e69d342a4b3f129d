"""Conversations: write first, read, answer, reply in one tap, and agree on a meeting."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Router, Status
from pydantic import Field

from belong.api.common import (
    ERRORS,
    KEYSET_CURSOR_PARAM,
    LIMIT,
    Closed,
    Error,
    clean_with,
    keyset_page,
)
from belong.api.fields import (
    ClientToken,
    Day,
    FeltChoice,
    MeetAgainChoice,
    MeetingTime,
    MessageBody,
    Place,
    ReadyReplyChoice,
)
from belong.messaging import meetings as meeting_services
from belong.messaging import services
from belong.messaging.forms import CheckInForm, MeetingForm, MessageForm
from belong.messaging.models import Message
from belong.messaging.openers import openers_for
from belong.messaging.projections import conversation_for_reader, message_for_reader
from belong.posts.services import get_visible_post

router = Router(tags=["messaging"])

# A message's client_token reused in another conversation answers 409.
SEND_ERRORS = {**ERRORS, 409: Error}


class Person(Closed):
    display_name: str


class ConversationOut(Closed):
    id: int
    post_id: int | None
    post_title: str
    post_excerpt: str
    status: str
    is_open: bool
    started_by_me: bool
    other: Person
    created_at: datetime.datetime
    last_message_at: datetime.datetime
    answered_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    unread: int
    last_message: str | None


class ConversationPage(Closed):
    items: list[ConversationOut]
    next_cursor: str | None


class MessageOut(Closed):
    id: int
    conversation_id: int
    kind: str
    body: str = Field(
        description="The text; a placeholder while the message is hidden by moderation."
    )
    hidden: bool = Field(description="Hidden by moderation: `body` is then a placeholder.")
    sent_by_me: bool
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    meeting_id: int | None
    client_token: str | None


class MessagePage(Closed):
    items: list[MessageOut]
    next_cursor: str | None


class MessageIn(Closed):
    body: MessageBody
    client_token: ClientToken | None = None


class ReadOut(Closed):
    marked_read: int


class ReadyReplyOut(Closed):
    key: str
    text: str


class ReadyReplyIn(Closed):
    """Only the person who received a message may answer it with a ready-made reply:
    the one who wrote first, once answered (400 otherwise)."""

    reply: ReadyReplyChoice
    client_token: ClientToken | None = None


class MeetingOut(Closed):
    id: int
    conversation_id: int
    proposed_by_me: bool
    starts_at: datetime.datetime
    place: str
    status: str
    created_at: datetime.datetime
    answered_at: datetime.datetime | None


class MeetingIn(Closed):
    """A meeting lies ahead, within a year from now (422 otherwise)."""

    day: Day
    time: MeetingTime
    place: Place


class AnswerIn(Closed):
    answer: Literal["accept", "decline"]


def conversation_out(conversation, user) -> dict:
    seen = conversation_for_reader(conversation, user)
    return {
        "id": seen.pk,
        "post_id": seen.post_id,
        "post_title": seen.post_title,
        "post_excerpt": seen.post_excerpt,
        "status": seen.status,
        "is_open": seen.is_open,
        "started_by_me": seen.started_by_me,
        "other": {"display_name": seen.other.display_name},
        "created_at": seen.created_at,
        "last_message_at": seen.last_message_at,
        "answered_at": seen.answered_at,
        "closed_at": seen.closed_at,
        "unread": seen.unread,
        "last_message": seen.last_message,
    }


def message_out(message: Message, user) -> dict:
    seen = message_for_reader(message, user)
    return {
        "id": seen.pk,
        "conversation_id": seen.conversation_id,
        "kind": seen.kind,
        "body": seen.text,
        "hidden": seen.hidden,
        "sent_by_me": seen.sent_by_me,
        "created_at": seen.created_at,
        "read_at": seen.read_at,
        "meeting_id": seen.meeting_id,
        "client_token": seen.client_token,
    }


def meeting_out(meeting, user) -> dict:
    return {
        "id": meeting.pk,
        "conversation_id": meeting.conversation_id,
        "proposed_by_me": meeting.proposed_by_id == user.pk,
        "starts_at": meeting.starts_at,
        "place": meeting.place,
        "status": meeting.status,
        "created_at": meeting.created_at,
        "answered_at": meeting.answered_at,
    }


def _listed(user, pk: int):
    """The conversation as the inbox lists it (with its unread count), or 404."""
    conversation = services.get_conversation_for_user(user, pk)
    return services.conversations_for(user).get(pk=conversation.pk)


@router.get(
    "/conversations", response={200: ConversationPage, **ERRORS}, summary="My conversations"
)
def conversations(
    request,
    cursor: str | None = KEYSET_CURSOR_PARAM,
    limit: int = LIMIT,
):
    rows, next_cursor = keyset_page(
        services.conversations_for(request.auth),
        cursor=cursor,
        limit=limit,
        time_field="last_message_at",
    )
    return {"items": [conversation_out(c, request.auth) for c in rows], "next_cursor": next_cursor}


class OpenerOut(Closed):
    text: str


@router.get(
    "/posts/{post_id}/openers",
    response={200: list[OpenerOut], **ERRORS},
    summary="Ready-made first messages written from the post",
    description=(
        "Send one as it is, or change it first, as the first message. On your own post you "
        "see what people who write to you are offered."
    ),
)
def openers(request, post_id: int):
    # On one's own post too: the author may see what writers are offered.
    post = get_visible_post(request.auth, post_id)
    return [{"text": text} for text in openers_for(request.auth, post)]


@router.post(
    "/posts/{post_id}/conversations",
    response={201: MessageOut, **SEND_ERRORS},
    summary="Write to the author of a post",
    description="The first message; sending again with the same client_token sends nothing new.",
)
def start_conversation(request, post_id: int, data: MessageIn):
    post = get_visible_post(request.auth, post_id, own=False)
    cleaned = clean_with(MessageForm, data.model_dump(mode="json"))
    message = services.start_conversation(
        sender=request.auth, post=post, body=cleaned["body"], client_token=cleaned["client_token"]
    )
    return Status(201, message_out(message, request.auth))


@router.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, **ERRORS},
    summary="One conversation",
)
def conversation(request, conversation_id: int):
    return conversation_out(_listed(request.auth, conversation_id), request.auth)


@router.get(
    "/conversations/{conversation_id}/messages",
    response={200: MessagePage, **ERRORS},
    summary="Messages of a conversation, newest first",
)
def messages(
    request,
    conversation_id: int,
    cursor: str | None = KEYSET_CURSOR_PARAM,
    limit: int = LIMIT,
):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    rows, next_cursor = keyset_page(
        found.messages.all(), cursor=cursor, limit=limit, time_field="created_at"
    )
    return {"items": [message_out(m, request.auth) for m in rows], "next_cursor": next_cursor}


@router.post(
    "/conversations/{conversation_id}/messages",
    response={201: MessageOut, **SEND_ERRORS},
    summary="Send a message",
    description="client_token is the idempotency key: a retry with the same one sends nothing new.",
)
def send(request, conversation_id: int, data: MessageIn):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    cleaned = clean_with(MessageForm, data.model_dump(mode="json"))
    message = services.send_message(
        sender=request.auth,
        conversation=found,
        body=cleaned["body"],
        client_token=cleaned["client_token"],
    )
    return Status(201, message_out(message, request.auth))


@router.post(
    "/conversations/{conversation_id}/read",
    response={200: ReadOut, **ERRORS},
    summary="Mark as read",
)
def mark_read(request, conversation_id: int):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    return {"marked_read": services.mark_read(user=request.auth, conversation=found)}


@router.get(
    "/ready-replies", response={200: list[ReadyReplyOut], **ERRORS}, summary="Ready-made replies"
)
def ready_replies(request):
    return [{"key": key, "text": str(text)} for key, text in services.READY_REPLIES.items()]


@router.post(
    "/conversations/{conversation_id}/ready-replies",
    response={201: MessageOut, **SEND_ERRORS},
    summary="Send a ready-made reply",
)
def send_ready_reply(request, conversation_id: int, data: ReadyReplyIn):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    message = services.send_ready_reply(
        sender=request.auth,
        conversation=found,
        reply=data.reply,
        client_token=data.client_token,
    )
    return Status(201, message_out(message, request.auth))


@router.get(
    "/conversations/{conversation_id}/meetings",
    response={200: list[MeetingOut], **ERRORS},
    summary="Suggested meetings",
)
def meetings(request, conversation_id: int):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    return [
        meeting_out(m, request.auth) for m in found.meetings.order_by("-created_at", "-pk")[:50]
    ]


@router.post(
    "/conversations/{conversation_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Suggest a meeting",
)
def propose_meeting(request, conversation_id: int, data: MeetingIn):
    found = services.get_conversation_for_user(request.auth, conversation_id)
    cleaned = clean_with(
        MeetingForm, {"day": data.day.isoformat(), "time": data.time, "place": data.place}
    )
    meeting = meeting_services.propose_meeting(
        proposer=request.auth,
        conversation=found,
        starts_at=cleaned["starts_at"],
        place=cleaned["place"],
    )
    return Status(201, meeting_out(meeting, request.auth))


@router.post(
    "/meetings/{meeting_id}/answer",
    response={200: MeetingOut, **ERRORS},
    summary="Answer a suggested meeting",
)
def answer_meeting(request, meeting_id: int, data: AnswerIn):
    meeting = meeting_services.get_meeting_for_user(request.auth, meeting_id)
    meeting = meeting_services.answer_meeting(
        user=request.auth, meeting=meeting, answer=data.answer
    )
    return meeting_out(meeting, request.auth)


class CheckInIn(Closed):
    met: bool
    meet_again: MeetAgainChoice = ""
    # How it felt, from 1 (hard) to 5 (very good); left out or null when the person does not say.
    felt: FeltChoice | None = None


class CheckInOut(Closed):
    meeting_id: int
    conversation_id: int
    starts_at: datetime.datetime
    place: str


@router.get(
    "/checkins",
    response={200: list[CheckInOut], **ERRORS},
    summary="Meetings that have taken place and wait for your private check-in",
)
def checkins(request):
    return [
        {
            "meeting_id": m.pk,
            "conversation_id": m.conversation_id,
            "starts_at": m.starts_at,
            "place": m.place,
        }
        for m in meeting_services.pending_checkins(request.auth)
    ]


@router.post(
    "/meetings/{meeting_id}/checkin",
    response={200: CheckInOut, **ERRORS},
    summary="Tell us privately how a meeting went",
    description="The answers are kept for the statistics and never shown to the other person.",
)
def checkin(request, meeting_id: int, data: CheckInIn):
    meeting = meeting_services.get_meeting_for_user(request.auth, meeting_id)
    cleaned = clean_with(
        CheckInForm,
        {
            "met": "yes" if data.met else "no",
            "meet_again": data.meet_again,
            "felt": "" if data.felt is None else str(data.felt),
        },
    )
    meeting_services.answer_checkin(
        user=request.auth,
        meeting=meeting,
        met=cleaned["met"],
        meet_again=cleaned["meet_again"],
        felt=cleaned["felt"],
    )
    return {
        "meeting_id": meeting.pk,
        "conversation_id": meeting.conversation_id,
        "starts_at": meeting.starts_at,
        "place": meeting.place,
    }
