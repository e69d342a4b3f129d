"""Form widgets drawn in Python: the same HTML as Django's widget templates, without a
template render for every input and option.

A search form with a few choice lists and two groups of checkboxes drew some sixty small
templates for each page, a fifth of the search page's time (measured with cProfile against
PostgreSQL). `Renderer` draws the plain widgets (inputs, checkboxes, radio buttons, lists,
text areas) itself and leaves every other template, and any widget a project or library
gives a template of its own, to Django. tests/core/test_form_renderer.py checks that both
give the same HTML.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
# Templates that only include input.html.
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "search",
        "email",
        "url",
        "number",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "color",
        "tel",
        "file",
    )
)
OPTION_INPUTS = frozenset(
    f"{WIDGETS}{name}.html" for name in ("input_option", "checkbox_option", "radio_option")
)
SELECT = f"{WIDGETS}select.html"
SELECT_OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"


def _text(value) -> str:
    """`{{ value }}`: localised and escaped."""
    return conditional_escape(localize(value))


def _raw(value) -> str:
    """`{{ value|stringformat:'s' }}`: as a string, escaped."""
    return conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_raw(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """input.html, stripped of its closing line break as Django strips every widget."""
    value = "" if widget["value"] is None else f' value="{_raw(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _option_input(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return _input(widget)
    label_for = widget["attrs"].get("id")
    for_attr = f' for="{_text(label_for)}"' if label_for else ""
    # input.html ends in a line break, which stays inside the label.
    return f"<label{for_attr}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _option(widget: dict) -> str:
    return (
        f'<option value="{_raw(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option.get("template_name") != SELECT_OPTION:
                return None
            # An included select_option.html brings its closing line break along.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class Renderer(DjangoTemplates):
    """Django's default form renderer, with the plain widgets drawn in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and self._drawn_by_django(template_name):
            html = None
            if template_name in INPUTS:
                html = _input(widget)
            elif template_name in OPTION_INPUTS:
                html = _option_input(widget)
            elif template_name == SELECT:
                html = _select(widget)
            elif template_name == SELECT_OPTION:
                html = _option(widget)
            elif template_name == TEXTAREA:
                html = _textarea(widget)
            if html is not None:
                return mark_safe(html)  # noqa: S308 (every value above is escaped)
        return super().render(template_name, context, request=request)

    def _drawn_by_django(self, template_name: str) -> bool:
        """True for a widget template that is Django's own, not one a project overrides."""
        cache = self.__dict__.setdefault("_django_own", {})
        if template_name not in cache:
            own = False
            if template_name.startswith(WIDGETS):
                try:
                    origin = self.get_template(template_name).origin.name
                except Exception:  # noqa: BLE001 (no such template: Django says so later)
                    origin = ""
                own = origin.replace("\\", "/").endswith(f"django/forms/templates/{template_name}")
            cache[template_name] = own
        return cache[template_name]
