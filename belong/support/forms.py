"""Forms for support: the citizen's request, the facilitator's note and closing."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.support.models import SupportContact, SupportKind, SupportOutcome

# A Danish number: 8 digits, "+45" before them if you like, spaces and dashes anywhere.
PHONE = re.compile(r"^(\+45)?[0-9]{8}$")
PHONE_AS_WRITTEN = r"^$|^[ -]*(\+[ -]*4[ -]*5[ -]*)?([0-9][ -]*){8}$"


class SupportRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like help with?"),
        choices=SupportKind.choices,
        widget=forms.RadioSelect,
    )
    contact = forms.ChoiceField(
        label=_("How should we reach you?"),
        choices=SupportContact.choices,
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("Only if you want us to call you. 8 digits, e.g. 12 34 56 78."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = forms.CharField(
        label=_("Anything you would like to tell us (you may leave it empty)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_phone(self):
        phone = re.sub(r"[ -]", "", self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Please write a Danish phone number with 8 digits, e.g. 12 34 56 78.")
            )
        return phone

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact == SupportContact.PHONE and not data.get("phone"):
            self.add_error("phone", _("Please write your phone number, so we can call you."))
        if contact == SupportContact.EMAIL and self.user is not None and not self.user.email:
            self.add_error(
                "contact", _("You have no e-mail address with us. Please choose another way.")
            )
        return data


class SupportNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    to_citizen = forms.TypedChoiceField(
        label=_("Who may read it?"),
        choices=[
            ("0", _("Only staff (a private note)")),
            ("1", _("The citizen too: send it to them from the municipality")),
        ],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )


class SupportCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"), choices=SupportOutcome.choices, widget=forms.RadioSelect
    )


class FirstResponseForm(forms.Form):
    body = forms.CharField(
        label=_("Your first message"),
        max_length=4000,
        help_text=_(
            "It is sent from the municipality, marked as a message from its facilitator. "
            "Write warmly and plainly; the citizen may answer or leave it."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NoContactDaysForm(forms.Form):
    no_contact_days = forms.IntegerField(
        label=_("List a post's author after this many days without any contact"),
        min_value=1,
        max_value=60,
    )
