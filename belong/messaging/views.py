"""Pages for writing to each other: inbox, conversation, first message, meetings, safety."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.core.limits import RateLimited
from belong.messaging import meetings, notifications, services, turns
from belong.messaging.after_silence import offer_for
from belong.messaging.forms import (
    CheckInForm,
    MeetingForm,
    MessageForm,
    NotificationSettingsForm,
    StartForm,
)
from belong.messaging.models import (
    Conversation,
    ConversationStatus,
    Message,
    MessageKind,
)
from belong.messaging.openers import openers_for
from belong.messaging.projections import (
    conversation_for_reader,
    messages_for_reader,
    staff_label,
)
from belong.messaging.push import push_enabled
from belong.posts.services import get_visible_post
from belong.safety.services import block_user, is_blocked_between


@login_required
@require_GET
def inbox(request):
    conversations = [
        conversation_for_reader(c, request.user) for c in services.conversations_for(request.user)
    ]
    waiting = [c for c in conversations if c.waits_for_my_answer]
    return render(
        request,
        "messaging/inbox.html",
        {
            "conversations": conversations,
            "waiting": waiting,
            "checkins": meetings.pending_checkins(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, post_pk: int):
    """ "Write to ..." on a post: the first message, which quotes the post."""
    post = get_visible_post(request.user, post_pk, own=False)
    existing = Conversation.objects.filter(post=post, starter=request.user).first()
    if existing is not None and request.method == "GET":
        return redirect("conversation", existing.pk)
    refusal = services.post_contact_refusal(request.user, post)
    waiting = turns.open_first_contacts(request.user)
    if refusal is None and existing is None:
        refusal = turns.first_contact_refusal(request.user, waiting=waiting)
    status = 200
    openers = openers_for(request.user, post)
    chosen = request.GET.get("aabner", "")
    initial = (
        {"body": openers[int(chosen)]} if chosen.isdigit() and int(chosen) < len(openers) else {}
    )
    # A post written as an organisation is answered by the organisation's editors.
    writing_to = post.organisation.name if post.organisation else post.author.display_name
    form = StartForm(request.POST or None, author_name=writing_to, initial=initial)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            message = services.start_conversation(
                sender=request.user,
                post=post,
                body=form.cleaned_data["body"],
                client_token=form.cleaned_data["client_token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RateLimited as limited:
            # The form comes back with the message in it: nothing typed is lost.
            form.add_error(None, limited.message)
            status = 429
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("conversation", message.conversation_id)
    context = {
        "post": post,
        "writing_to": writing_to,
        "form": form,
        "refusal": refusal,
        "waiting_note": turns.first_contacts_note(request.user, waiting=waiting),
        "norms": turns.norms(),
        "openers": openers,
    }
    return render(request, "messaging/start.html", context, status=status)


# How many messages a conversation page shows: the newest, with a link to earlier ones. A
# friendship of months holds hundreds, and every one drawn costs the page time.
THREAD_LENGTH = 50


@dataclass
class Thread:
    """A stretch of a conversation as one of its people may see it, oldest first."""

    messages: list
    # The oldest message shown, when earlier ones exist (the link to them starts there).
    earlier_than: int | None
    # Shown from an earlier stretch (?foer=): the live page is a link away.
    is_earlier: bool


def _thread(conversation, user, before=None) -> Thread:
    """The newest THREAD_LENGTH messages of a conversation (or those before the message whose
    id is `before`), oldest first, as `user` may see them."""
    messages = conversation.messages.select_related("meeting").order_by("-created_at", "-pk")
    start = None
    if before is not None:
        start = conversation.messages.filter(pk=before).values("created_at", "pk").first()
    if start is not None:
        messages = messages.filter(
            Q(created_at__lt=start["created_at"])
            | Q(created_at=start["created_at"], pk__lt=start["pk"])
        )
    rows = list(messages[: THREAD_LENGTH + 1])
    more = len(rows) > THREAD_LENGTH
    rows = rows[:THREAD_LENGTH]
    rows.reverse()
    return Thread(
        messages=messages_for_reader(rows, user),
        earlier_than=rows[0].pk if more else None,
        is_earlier=start is not None,
    )


def _before(request) -> int | None:
    value = request.GET.get("foer", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def _after_silence_context(conversation, user) -> dict:
    """The name shown on a facilitator's conversation, and the offer to the one let down by
    silence or a kind no (suggestions, an activity nearby), worked out only for them."""
    context: dict = {"staff_label": staff_label(conversation), "offer": {}}
    let_down = (
        conversation.status == ConversationStatus.CLOSED and conversation.starter_id == user.pk
    ) or (
        conversation.status == ConversationStatus.DECLINED
        and Message.objects.filter(conversation=conversation, kind=MessageKind.DECLINE)
        .exclude(sender=user)
        .exists()
    )
    if let_down and not conversation.is_from_staff:
        context["offer"] = offer_for(user, conversation=conversation)
    return context


def _conversation_context(request, conversation, form=None):
    user = request.user
    thread = _thread(conversation, user, before=_before(request))
    # One query for the conversation's few meetings: the open suggestion and the check-ins.
    known = list(conversation.meetings.all())
    checkins = [
        (meeting, CheckInForm(prefix=f"m{meeting.pk}"))
        for meeting in meetings.due_checkins(user, conversation, known=known)
    ]
    return {
        "conversation": conversation,
        "other": conversation.other(user),
        "thread": thread,
        "form": form or MessageForm(),
        "ready_replies": services.ready_replies_for(user, conversation),
        "ready_token": services.new_client_token(),
        "open_meeting": meetings.open_suggestion(known),
        "checkins": checkins,
        "blocked": is_blocked_between(user, conversation.other(user)),
        "your_turn": turns.turn_refusal(user, conversation) if conversation.is_open else None,
        **_after_silence_context(conversation, user),
    }


@login_required
@require_GET
def conversation(request, pk: int):
    conversation = services.get_conversation_for_user(request.user, pk)
    services.mark_read(user=request.user, conversation=conversation)
    return render(
        request, "messaging/conversation.html", _conversation_context(request, conversation)
    )


@login_required
@require_GET
def conversation_messages(request, pk: int):
    """The messages alone: fetched by polling, or at once when the socket says so."""
    conversation = services.get_conversation_for_user(request.user, pk)
    services.mark_read(user=request.user, conversation=conversation)
    thread = _thread(conversation, request.user, before=_before(request))
    return render(
        request,
        "messaging/_messages.html",
        {
            "conversation": conversation,
            "thread": thread,
            "other": conversation.other(request.user),
            **_after_silence_context(conversation, request.user),
        },
    )


@login_required
@require_POST
def send(request, pk: int):
    conversation = services.get_conversation_for_user(request.user, pk)
    form = MessageForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.send_message(
                sender=request.user,
                conversation=conversation,
                body=form.cleaned_data["body"],
                client_token=form.cleaned_data["client_token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RateLimited as limited:
            form.add_error(None, limited.message)
            status = 429
        else:
            return redirect(reverse("conversation", args=[pk]) + "#skriv")
    context = _conversation_context(request, conversation, form=form)
    return render(request, "messaging/conversation.html", context, status=status)


@login_required
@require_POST
def ready_reply(request, pk: int):
    conversation = services.get_conversation_for_user(request.user, pk)
    try:
        services.send_ready_reply(
            sender=request.user,
            conversation=conversation,
            reply=request.POST.get("reply", ""),
            client_token=request.POST.get("client_token"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except RateLimited as limited:
        messages.error(request, limited.message)
    return redirect(reverse("conversation", args=[pk]) + "#skriv")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_propose(request, pk: int):
    conversation = services.get_conversation_for_user(request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.propose_meeting(
                proposer=request.user,
                conversation=conversation,
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RateLimited as limited:
            form.add_error(None, limited.message)
        else:
            messages.success(request, _("Your suggestion has been sent."))
            return redirect("conversation", pk)
    return render(
        request,
        "messaging/meeting_form.html",
        {"conversation": conversation, "other": conversation.other(request.user), "form": form},
    )


@login_required
@require_POST
def meeting_answer(request, pk: int):
    meeting = meetings.get_meeting_for_user(request.user, pk)
    answer = request.POST.get("answer", "")
    if answer == "other":
        return redirect("meeting_propose", meeting.conversation_id)
    try:
        meetings.answer_meeting(user=request.user, meeting=meeting, answer=answer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except RateLimited as limited:
        messages.error(request, limited.message)
    return redirect("conversation", meeting.conversation_id)


@login_required
@require_POST
def checkin(request, pk: int):
    meeting = meetings.get_meeting_for_user(request.user, pk)
    form = CheckInForm(request.POST, prefix=f"m{meeting.pk}")
    if form.is_valid():
        try:
            meetings.answer_checkin(
                user=request.user,
                meeting=meeting,
                met=form.cleaned_data["met"],
                meet_again=form.cleaned_data["meet_again"],
                felt=form.cleaned_data["felt"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for telling us. Only you can see your answer."))
    else:
        messages.error(request, _("Choose yes or no."))
    return redirect("conversation", meeting.conversation_id)


@login_required
@require_http_methods(["GET", "POST"])
def block(request, pk: int):
    conversation = services.get_conversation_for_user(request.user, pk)
    other = conversation.other(request.user)
    if request.method == "POST":
        block_user(blocker=request.user, blocked=other)
        messages.success(
            request,
            _("%(name)s is blocked. They cannot write to you or see your posts.")
            % {"name": other.display_name},
        )
        return redirect("inbox")
    return render(
        request, "messaging/block_confirm.html", {"conversation": conversation, "other": other}
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST or None, initial={"email_mode": notifications.email_mode(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        notifications.set_email_mode(user=request.user, mode=form.cleaned_data["email_mode"])
        messages.success(request, _("Your choice has been saved."))
        return redirect("notification_settings")
    return render(
        request,
        "messaging/settings.html",
        {
            "form": form,
            "vapid_public_key": settings.BELONG_VAPID_PUBLIC_KEY if push_enabled() else "",
        },
    )
