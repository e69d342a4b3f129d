"""Template tags for links that work from an e-mail."""

from django import template
from django.urls import reverse

from belong.core.links import absolute_url as _absolute_url

register = template.Library()


@register.simple_tag
def absolute_url(view_name: str, *args) -> str:
    """`{% absolute_url "help_request" %}`: the page's address as an e-mail link."""
    return _absolute_url(reverse(view_name, args=args))
