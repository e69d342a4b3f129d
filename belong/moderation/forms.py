"""Forms for appeals and for the staff's moderation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.moderation.services import MAX_SUSPENSION_DAYS, MODERATOR_ACTIONS
from belong.safety.models import CITIZEN_REASONS, ActionKind, ModerationSettings


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why do you think the decision is wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write why you think the decision is wrong.")},
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[(k, ActionKind(k).label) for k in MODERATOR_ACTIONS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an action.")},
    )
    days = forms.IntegerField(
        label=_("Days of suspension"),
        required=False,
        min_value=1,
        max_value=MAX_SUSPENSION_DAYS,
        help_text=_("Only for a suspension."),
    )
    reason = forms.CharField(
        label=_("Reason (the citizen reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Keep the decision")), ("grant", _("Lift the decision"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason (the citizen reads it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reason. The citizen will read it.")},
    )


class ModerationSettingsForm(forms.ModelForm):
    class Meta:
        model = ModerationSettings
        fields = ["guidance", "word_list"]
        widgets = {
            "guidance": forms.Textarea(attrs={"rows": 6}),
            "word_list": forms.Textarea(attrs={"rows": 10}),
        }


class BirthDateForm(forms.Form):
    birth_date = forms.DateField(
        label=_("Birth date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the birth date."), "invalid": _("Enter a date.")},
    )
    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=300,
        error_messages={"required": _("Write why the birth date is corrected.")},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=CITIZEN_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong.")},
    )
    details = forms.CharField(
        label=_("Tell us more"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
