"""Forms for writing, meeting, checking in, reporting and choosing e-mails."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.core import clock
from belong.messaging.meetings import check_meeting_day, check_meeting_time
from belong.messaging.models import EmailMode, HowItFelt, MeetAgain
from belong.messaging.services import MAX_BODY, new_client_token


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a message before you send it."),
            "max_length": _("A message can be at most %(limit_value)d characters."),
        },
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_token", new_client_token())


class StartForm(MessageForm):
    def __init__(self, *args, author_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your message to %(name)s") % {"name": author_name}
        self.fields["body"].help_text = _(
            "Say hello and tell a little about why you write. Everyone here is looking for "
            "company, so it is quite all right to write first."
        )


class MeetingForm(forms.Form):
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
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("A public place, e.g. a café, a library or a park entrance."),
    )

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            now = clock.now()
            check_meeting_day(day, today=clock.today())
            starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
            check_meeting_time(starts_at, now=now)
            cleaned["starts_at"] = starts_at
        return cleaned


class CheckInForm(forms.Form):
    met = forms.TypedChoiceField(
        label=_("Did you meet?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    meet_again = forms.ChoiceField(
        label=_("Would you like to meet again?"),
        choices=MeetAgain.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    felt = forms.TypedChoiceField(
        label=_("How did it feel? (you may leave it empty)"),
        choices=HowItFelt.choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )


class NotificationSettingsForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail about messages"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )
