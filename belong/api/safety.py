"""Block and report the other person in a conversation, as the conversation page does."""

from __future__ import annotations

from ninja import Router, Status

from belong.api.common import ERRORS, Closed, clean_with
from belong.api.fields import ReportDetails, ReportReasonChoice, WholeNumber
from belong.messaging.services import get_conversation_for_user
from belong.moderation.forms import ReportForm
from belong.moderation.services import report_content, reportable_in_conversation
from belong.safety.services import block_user

router = Router(tags=["safety"])


class BlockOut(Closed):
    blocked: bool


class ReportIn(Closed):
    reason: ReportReasonChoice
    details: ReportDetails = ""
    # A message the other person wrote in this conversation; without it, the person.
    message_id: WholeNumber | None = None


class ReportOut(Closed):
    id: int
    reason: str


@router.post(
    "/conversations/{conversation_id}/block",
    response={200: BlockOut, **ERRORS},
    summary="Block the other person",
    description="They can no longer write to you or see your posts, and you no longer see theirs.",
)
def block(request, conversation_id: int):
    conversation = get_conversation_for_user(request.auth, conversation_id)
    block_user(blocker=request.auth, blocked=conversation.other(request.auth))
    return {"blocked": True}


@router.post(
    "/conversations/{conversation_id}/report",
    response={201: ReportOut, **ERRORS},
    summary="Report the other person, or one of their messages",
)
def report(request, conversation_id: int, data: ReportIn):
    conversation = get_conversation_for_user(request.auth, conversation_id)
    cleaned = clean_with(ReportForm, data.model_dump(mode="json", exclude={"message_id"}))
    target, obj = reportable_in_conversation(
        reporter=request.auth, conversation=conversation, message_id=data.message_id
    )
    made = report_content(
        reporter=request.auth,
        target=target,
        obj=obj,
        reason=cleaned["reason"],
        details=cleaned["details"],
    )
    return Status(201, {"id": made.pk, "reason": made.reason})
