"""Forms about places: a postcode field that finds the postcode, and "is my municipality on
Belong?"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.places.models import Postcode
from belong.places.services import find_postcode


class PostcodeField(forms.CharField):
    default_error_messages = {
        "unknown": _(
            "We do not know the postcode %(code)s. Write the 4 digits of your postcode, "
            "for example 9000."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault("help_text", _("The postcode where you live, for example 9000."))
        kwargs.setdefault("max_length", 6)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "postal-code", "size": "6"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Postcode):
            return value.code
        return super().prepare_value(value)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        postcode = find_postcode(value)
        if postcode is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value.strip()}
            )
        return postcode


class PlaceCheckForm(forms.Form):
    postcode = PostcodeField()
