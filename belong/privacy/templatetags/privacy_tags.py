"""The profile page tells the citizen when the data they asked for is ready (or coming), and
a citizen without an e-mail address until when an unused account is kept."""

from __future__ import annotations

from django import template

from belong.core import clock
from belong.privacy.exports import latest_export
from belong.privacy.inactivity import kept_until

register = template.Library()


@register.inclusion_tag("privacy/_export_notice.html", takes_context=True)
def export_notice(context):
    user = context["user"]
    export = latest_export(user) if user.is_authenticated else None
    if export is not None and export.is_expired(clock.now()):
        export = None  # an expired link is news on My data, not on the profile
    return {"export": export}


@register.inclusion_tag("privacy/_kept_until.html", takes_context=True)
def kept_until_notice(context):
    user = context["user"]
    shown = user.is_authenticated and not user.email and not user.is_staff
    return {"kept_until": kept_until(user) if shown else None}
