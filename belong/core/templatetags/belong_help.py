"""`{% help_lines_for user as lines %}`: the help lines fit for the reader's age."""

from django import template

from belong.core.help_lines import help_lines_for as lines_for

register = template.Library()


@register.simple_tag
def help_lines_for(user):
    return lines_for(user)
