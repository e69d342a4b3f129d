"""Showing messages safely, and an author's responsiveness on their posts."""

from django import template
from django.template.defaultfilters import date, linebreaksbr, urlize
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_lazy

from belong.messaging.responsiveness import responsiveness_text

register = template.Library()


@register.filter(is_safe=True)
def message_text(value: str) -> SafeString:
    """Plain text: everything escaped, line breaks kept, web addresses made into links."""
    linked = urlize(value, autoescape=True)
    linked = mark_safe(linked.replace('rel="nofollow"', 'rel="nofollow noopener noreferrer"'))  # noqa: S308
    return linebreaksbr(linked, autoescape=True)


@register.simple_tag
def responsiveness(user) -> str:
    return responsiveness_text(user)


CLOSED_NOTE = gettext_lazy(
    "We have closed this conversation because there has been no answer for a week. It is not"
    " about you: people are sometimes busy or no longer look in here. There are many others who"
    " would like company, so have a look at other posts."
)


@register.simple_tag
def message_bubbles(messages, conversation, other, staff_label) -> SafeString:
    """The messages of a conversation page as speech bubbles. Drawn here rather than by a
    template loop: a conversation of months holds many, and the template language cost half
    a millisecond a message. The same HTML as the loop it replaces (tests/messaging/
    test_bubbles.py holds that loop and compares)."""
    report_url = reverse("conversation_report", args=[conversation.pk])
    search_url = reverse("search")
    you, belong = gettext("You"), "Belong"
    other_name = (other.display_name if other is not None else "") or gettext("Deleted user")
    parts = []
    for message in messages:
        if message.from_belong:
            side, who = "note", belong
        elif message.sent_by_me:
            side, who = "mine", you
        else:
            side = "theirs"
            who = other_name + (f", {staff_label}" if message.kind == "staff" else "")
        moment = template_localtime(message.created_at)
        parts.append(
            format_html(
                '<li class="bubble {}" id="besked-{}"><p class="who">{} · <time datetime="{}">{}'
                "</time></p>",
                side,
                message.pk,
                who,
                date(moment, "c"),
                date(moment, "SHORT_DAY_TIME_FORMAT"),
            )
        )
        if message.kind == "closure":
            parts.append(
                format_html(
                    '<p>{}</p><p><a href="{}">{}</a></p>',
                    CLOSED_NOTE,
                    search_url,
                    gettext("See other posts"),
                )
            )
        elif message.kind == "adult":
            parts.append(format_html("<p>{}</p>", message.text))
        elif message.hidden:
            parts.append(format_html('<p class="muted">{}</p>', message.text))
        else:
            parts.append(format_html('<div class="text">{}</div>', message_text(message.text)))
            if message.may_report:
                parts.append(
                    format_html(
                        '<p class="report-link"><a href="{}?besked={}">{}</a></p>',
                        report_url,
                        message.pk,
                        gettext("Report this message"),
                    )
                )
        if message.proposes_meeting:
            meeting = message.meeting
            parts.append(
                format_html(
                    '<p class="meeting-card"><strong>{}:</strong> {}, {} · {}</p>',
                    gettext("Suggested meeting"),
                    date(template_localtime(meeting.starts_at), "WEEKDAY_DATETIME_FORMAT"),
                    meeting.place,
                    meeting.get_status_display(),
                )
            )
        parts.append(mark_safe("</li>"))  # noqa: S308
    return mark_safe("\n".join(str(conditional_escape(part)) for part in parts))  # noqa: S308
