"""The activity form, the listing's filter, attendance and the check-in afterwards."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.forms import PostcodeField
from belong.accounts.interests import INTERESTS
from belong.activities.models import AgeRange, ComeAgain, HowItWent
from belong.core import clock


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What will you do?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tell who it is for and what happens. Newcomers like to know."),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as day-month-year.")},
    )
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": _("Write the time as hours and minutes, e.g. 15:30.")},
    )
    duration = forms.IntegerField(
        label=_("How long, in minutes"),
        min_value=15,
        max_value=720,
        initial=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    repeat_weeks = forms.IntegerField(
        label=_("Repeat every week, this many more times"),
        min_value=0,
        max_value=12,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 3}),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("The address or the name of the place, e.g. the library's café."),
    )
    postcode = PostcodeField(required=False, help_text=_("The place's postcode, e.g. 9000."))
    online = forms.BooleanField(label=_("It is online"), required=False)
    online_link = forms.URLField(
        label=_("Link to the online meeting"), required=False, assume_scheme="https"
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)
    quiet_space = forms.BooleanField(label=_("A quiet space to step aside"), required=False)
    accessibility_notes = forms.CharField(
        label=_("More about access"), max_length=300, required=False
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    needs_approval = forms.BooleanField(label=_("I approve each sign-up myself"), required=False)
    age_range = forms.ChoiceField(
        label=_("For whom?"),
        choices=AgeRange.choices,
        initial=AgeRange.ADULT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisers=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if organisers:
            self.fields = {
                "organiser": forms.ChoiceField(
                    label=_("Who runs the activity?"), choices=organisers
                ),
                **self.fields,
            }
        if editing:
            self.fields.pop("repeat_weeks")

    def clean(self):
        cleaned = super().clean()
        day, time, duration = cleaned.get("day"), cleaned.get("time"), cleaned.get("duration")
        if day and time and duration:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
            if starts_at <= clock.now():
                raise forms.ValidationError(_("Choose a time in the future."))
            cleaned["starts_at"] = starts_at
            cleaned["ends_at"] = starts_at + datetime.timedelta(minutes=duration)
        if not cleaned.get("online") and not (cleaned.get("place") or "").strip():
            self.add_error("place", _("Write where you meet, or choose online."))
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("day", "time", "duration", "repeat_weeks", "organiser"):
            data.pop(name, None)
        return data


class ActivityFilterForm(forms.Form):
    interest = forms.ChoiceField(
        label=_("Interest"), choices=[("", _("All interests")), *INTERESTS], required=False
    )
    everywhere = forms.BooleanField(label=_("Show the whole country"), required=False)
    forening = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class CheckInForm(forms.Form):
    how_it_went = forms.ChoiceField(
        label=_("How did it go?"), choices=HowItWent.choices, widget=forms.RadioSelect
    )
    come_again = forms.ChoiceField(
        label=_("Would you come again?"), choices=ComeAgain.choices, widget=forms.RadioSelect
    )
