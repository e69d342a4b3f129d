"""Form pieces shared by every app."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class DatePartsWidget(forms.MultiWidget):
    """A date as three small boxes, day, month and year: easier to type than a date picker,
    and the same on every phone, whatever language the phone is set to."""

    template_name = "core/widgets/date_parts.html"
    parts = (
        ("day", _("Day"), 2, "bday-day"),
        ("month", _("Month"), 2, "bday-month"),
        ("year", _("Year"), 4, "bday-year"),
    )

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "maxlength": length,
                    "size": length,
                    "autocomplete": autocomplete,
                }
            )
            for _part, _label, length, autocomplete in self.parts
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (part, label, _length, _autocomplete) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["part"] = part
            subwidget["label"] = label
        return context


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget
    default_error_messages = {
        "invalid": _("Write the date as numbers: day, month and year, for example 17 5 1990."),
        "incomplete": _("Write the whole date: day, month and year."),
        "no_such_date": _("That date does not exist. Please check the day and the month."),
    }

    def __init__(self, **kwargs):
        number = {"error_messages": {"invalid": self.default_error_messages["invalid"]}}
        fields = (
            forms.IntegerField(min_value=1, max_value=31, **number),
            forms.IntegerField(min_value=1, max_value=12, **number),
            forms.IntegerField(min_value=1000, max_value=9999, **number),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            field.error_messages["min_value"] = self.error_messages["invalid"]
            field.error_messages["max_value"] = self.error_messages["invalid"]

    def compress(self, data_list):
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(
                self.error_messages["no_such_date"], code="no_such_date"
            ) from error
