"""Pieces of the municipality that other apps' pages show: current announcements and the
newsletter choice. Their templates load these tags, so no app imports this one for them."""

from __future__ import annotations

from django import template
from django.utils import translation

from belong.municipalities.forms import NewsletterConsentForm
from belong.municipalities.local import current_announcements_for
from belong.municipalities.newsletter import CONSENT_WORDING, open_consent

register = template.Library()


@register.inclusion_tag("municipalities/_announcements.html", takes_context=True)
def municipal_announcements(context):
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"announcements": []}
    return {"announcements": list(current_announcements_for(user)[:5])}


@register.inclusion_tag("municipalities/_newsletter_card.html", takes_context=True)
def newsletter_choice(context):
    user = context["user"]
    return {
        "consent": open_consent(user),
        "has_email": bool(user.email),
        "wording": CONSENT_WORDING,
        "form": NewsletterConsentForm(initial={"language": translation.get_language()}),
        "csrf_token": context.get("csrf_token"),
    }
