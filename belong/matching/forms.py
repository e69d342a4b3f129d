"""The life situation form: what applies, and which of it others may see."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.matching.models import WHY_WE_ASK, Situation


class LifeSituationForm(forms.Form):
    situations = forms.MultipleChoiceField(
        label=_("This is me"),
        choices=Situation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shown = forms.MultipleChoiceField(
        label=_("Others may see it"),
        choices=Situation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def rows(self):
        """One row per situation: its name, why we ask, and its two choices."""
        applies = {widget.data["value"]: widget for widget in self["situations"]}
        shown = {widget.data["value"]: widget for widget in self["shown"]}
        return [
            {
                "value": value,
                "label": label,
                "why": WHY_WE_ASK[value],
                "applies": applies[value],
                "shown": shown[value],
            }
            for value, label in Situation.choices
        ]


class GroupMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to the group"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
