"""Forms for the municipality: help requests, its page, announcements, newsletter, roles."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from belong.municipalities.models import HelpRequest, StaffRole
from belong.places.models import Municipality

PHONE = re.compile(r"^(\+45)?\d{8}$")


class HelpRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose your municipality"),
    )
    contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=HelpRequest.Contact.choices,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Only if you want an answer by e-mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("Only if you want us to call you. 8 digits, e.g. 12 34 56 78."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    description = forms.CharField(
        label=_("What do you need help with?"),
        max_length=1000,
        help_text=_("A few words are enough, e.g. “I cannot log in”."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user=None, municipality: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.licensed().order_by("name")
        home = getattr(user, "municipality", None) if user and user.is_authenticated else None
        if home is not None:
            self.fields["municipality"].initial = home.pk
        elif municipality and municipality.isdigit():
            # From the municipality's own page ("Ask for help"): its choice comes ready.
            self.fields["municipality"].initial = int(municipality)
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.display_name
            if user.email:
                self.fields["email"].initial = user.email

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Please write a Danish phone number with 8 digits, e.g. 12 34 56 78.")
            )
        return phone

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact == HelpRequest.Contact.EMAIL and not data.get("email"):
            self.add_error("email", _("Please write your e-mail, so we can answer you."))
        if contact == HelpRequest.Contact.PHONE and not data.get("phone"):
            self.add_error("phone", _("Please write your phone number, so we can call you."))
        return data


class LandingPageForm(forms.Form):
    welcome = forms.CharField(
        label=_("Welcome text"),
        max_length=3000,
        required=False,
        help_text=_("A few warm lines for citizens who come from the municipality's website."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    it_support = forms.CharField(
        label=_("How to get IT support"),
        max_length=1000,
        required=False,
        help_text=_("E.g. a phone number, opening hours, or where to come by for help."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    facilitators = forms.CharField(
        label=_("About the facilitators"),
        max_length=1000,
        required=False,
        help_text=_("Who the facilitators are and how they can support citizens."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_notice_url = forms.URLField(
        label=_("Address of the privacy notice"),
        required=False,
        assume_scheme="https",
        help_text=_("The municipality's privacy notice for Belong, e.g. https://…"),
    )
    accessibility_statement_url = forms.URLField(
        label=_("Address of the accessibility statement"),
        required=False,
        assume_scheme="https",
        help_text=_("The municipality's accessibility statement for Belong, if it has one."),
    )


EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_DAY = datetime.date(2100, 12, 31)


def _day_field(label, help_text=""):
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Write the date as day-month-year, e.g. 24-12-2026.")},
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(
        label=_("Text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_on = _day_field(_("Show from"), _("The first day citizens see it."))
    ends_on = _day_field(_("Show until"), _("The last day citizens see it."))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        for name in ("starts_on", "ends_on"):
            day = cleaned.get(name)
            if day and not EARLIEST_DAY <= day <= LATEST_DAY:
                self.add_error(name, _("Please choose a date between 2000 and 2100."))
                return cleaned
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("The last day cannot come before the first day."))
            else:
                zone = timezone.get_current_timezone()
                cleaned["starts_at"] = datetime.datetime.combine(
                    starts_on, datetime.time.min, tzinfo=zone
                )
                cleaned["ends_at"] = datetime.datetime.combine(
                    ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
                )
        return cleaned

    @classmethod
    def initial_for(cls, announcement) -> dict:
        zone = timezone.get_current_timezone()
        return {
            "title": announcement.title,
            "body": announcement.body,
            "starts_on": announcement.starts_at.astimezone(zone).date(),
            "ends_on": (
                announcement.ends_at.astimezone(zone) - datetime.timedelta(seconds=1)
            ).date(),
        }


class NewNewsletterForm(forms.Form):
    month = forms.ChoiceField(label=_("Which month?"))

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        first = today.replace(day=1)
        for _step in range(3):
            choices.append((first.isoformat(), date_format(first, "F Y")))
            first = (first + datetime.timedelta(days=32)).replace(day=1)
        self.fields["month"].choices = choices

    def clean_month(self):
        return datetime.date.fromisoformat(self.cleaned_data["month"])


class NewsletterForm(forms.Form):
    subject_da = forms.CharField(label=_("Subject in Danish"), max_length=150)
    body_da = forms.CharField(
        label=_("Text in Danish"), max_length=10000, widget=forms.Textarea(attrs={"rows": 16})
    )
    subject_en = forms.CharField(label=_("Subject in English"), max_length=150, required=False)
    body_en = forms.CharField(
        label=_("Text in English"),
        max_length=10000,
        required=False,
        help_text=_("Readers who chose English get the Danish text when this is empty."),
        widget=forms.Textarea(attrs={"rows": 16}),
    )


class NewsletterConsentForm(forms.Form):
    language = forms.ChoiceField(
        label=_("In which language?"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class GrantRoleForm(forms.Form):
    email = forms.EmailField(
        label=_("Their e-mail"),
        help_text=_("The e-mail of their Belong account."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.Role.choices)
