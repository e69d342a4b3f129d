"""Forms for municipal help: a citizen's request for IT support."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.municipalities.models import HelpRequest
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.licensed().order_by("name")
        home = getattr(user, "municipality", None) if user and user.is_authenticated else None
        if home is not None:
            self.fields["municipality"].initial = home.pk
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
