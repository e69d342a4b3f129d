"""`{% questionnaire_invitation %}`: on the overview, the invitation to answer after sign-up
(once, until the first round closes) and the note that a round is ready; nothing otherwise."""

from __future__ import annotations

from django import template

from belong.accounts import consents
from belong.outcomes import services

register = template.Library()


@register.inclusion_tag("outcomes/_invitation.html", takes_context=True)
def questionnaire_invitation(context):
    user = context.get("user")
    if user is None or not user.is_authenticated or user.is_staff:
        return {"show": False}
    asked_before = consents.consents_of(user).filter(purpose=consents.Purpose.QUESTIONNAIRES)
    if not asked_before.exists():
        # Asked once, after sign-up, while the first round is open; never pressed again.
        return {"show": services.open_wave(user) == 0, "ready": False}
    return {"show": services.due_wave(user) is not None, "ready": True}
