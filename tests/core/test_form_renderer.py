"""The form renderer draws the plain widgets in Python: the HTML must be the very HTML that
Django's widget templates give, for every field of Belong's own forms and for the hard cases
(escaping, optgroups, true and false attributes, Danish numbers)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

import belong
from belong.core.form_renderer import Renderer

DJANGO = DjangoTemplates()
FAST = Renderer()


def same_html(make_form) -> int:
    """Draw every field, and each choice of a field on its own, with Django's templates and
    with Renderer; assert they are the same. Returns the number of fields compared."""
    slow_form, fast_form = make_form(DJANGO), make_form(FAST)
    for name in slow_form.fields:
        slow, fast = slow_form[name], fast_form[name]
        assert str(fast) == str(slow), name
        slow_tags = [str(choice.tag()) for choice in slow.subwidgets]
        assert [str(choice.tag()) for choice in fast.subwidgets] == slow_tags, name
        assert [str(choice) for choice in fast.subwidgets] == [str(c) for c in slow.subwidgets]
    return len(slow_form.fields)


class EveryWidget(forms.Form):
    text = forms.CharField(initial='Kaffe & "kage" <i>', help_text="hjælp")
    number = forms.IntegerField(initial=12345, min_value=1)
    decimal = forms.FloatField(initial=1.5)
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="x")
    hidden = forms.CharField(widget=forms.HiddenInput, initial="h")
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    off = forms.CharField(widget=forms.TextInput(attrs={"disabled": False, "data-x": "a'b"}))
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    area = forms.CharField(widget=forms.Textarea, initial="Linje 1\n<b>Linje 2</b>")
    empty_area = forms.CharField(widget=forms.Textarea, required=False)
    agree = forms.BooleanField(required=False, initial=True)
    choice = forms.ChoiceField(
        choices=[("", "Alle"), ("a&b", "A & B"), (3, "Tre"), ("æ", "Æble <grøn>")], initial=3
    )
    grouped = forms.ChoiceField(
        choices=[("Nord", [("1", "Aalborg"), ("2", "Hjørring")]), ("3", "Odense")]
    )
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B <b>")])
    many = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("1", "En"), ("2", "To")], initial=["2"]
    )
    multi = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    typed = forms.TypedChoiceField(choices=[(5, "5 km"), (10, "10 km")], coerce=int, initial=10)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("bound", [False, True])
def test_every_plain_widget_is_drawn_as_djangos_templates_draw_it(language, bound):
    data = {
        "text": "<script>alert(1)</script>",
        "number": "abc",
        "decimal": "2,5",
        "choice": "a&b",
        "grouped": "2",
        "radio": "b",
        "many": ["1", "2"],
        "multi": ["y"],
        "typed": "5",
        "area": "",
    }

    def make_form(renderer):
        form = EveryWidget(data if bound else None, renderer=renderer)
        if bound:
            form.is_valid()
        return form

    with translation.override(language):
        assert same_html(make_form) == len(EveryWidget.base_fields)


def belong_forms():
    found = {}
    for module in pkgutil.walk_packages(belong.__path__, "belong."):
        if not module.name.endswith(("forms", ".forms")) or "migrations" in module.name:
            continue
        for _name, value in inspect.getmembers(importlib.import_module(module.name)):
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.name
            ):
                found[f"{module.name}.{value.__name__}"] = value
    return found


@pytest.mark.django_db
def test_every_field_of_belongs_own_forms_is_drawn_alike():
    compared = 0
    with translation.override("da"):
        for _path, form_class in sorted(belong_forms().items()):
            try:
                form = form_class()
            except TypeError:
                continue  # a form that needs its person or object
            # A value drawn afresh for each form (a new token) is the same in both.
            fixed = {
                n: "fast-1"
                for n, f in form.fields.items()
                if callable(f.initial) or n in form.initial
            }
            compared += same_html(
                lambda renderer, cls=form_class, fixed=fixed: cls(initial=fixed, renderer=renderer)
            )
    assert compared > 40


def test_a_widget_with_a_template_of_its_own_is_left_to_django():
    class OwnTemplate(forms.TextInput):
        template_name = "django/forms/widgets/textarea.html"

    assert not FAST._drawn_by_django("core/_field.html")
    assert FAST._drawn_by_django("django/forms/widgets/select.html")

    class Own(forms.Form):
        own = forms.CharField(widget=OwnTemplate, initial="x")

    assert same_html(lambda renderer: Own(renderer=renderer)) == 1
