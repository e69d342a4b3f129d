"""Showing messages safely, and an author's responsiveness on their posts."""

from django import template
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import SafeString, mark_safe

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
