"""The organisation's profile form, the member form and the staff's decision forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.accounts.forms import PostcodeField
from belong.accounts.interests import INTERESTS
from belong.organisations.models import Ages, Kind, Role


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=100)
    kind = forms.ChoiceField(
        label=_("What kind of organisation is it?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.CLUB,
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What do you do, and who is welcome? A few lines are enough."),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ages = forms.ChoiceField(
        label=_("Who is welcome?"), choices=Ages.choices, widget=forms.RadioSelect
    )
    postcode = PostcodeField(
        help_text=_("Where you meet, for example 9000. It decides your municipality.")
    )
    address = forms.CharField(
        label=_("Address or area"),
        max_length=200,
        required=False,
        help_text=_("For example the street where you meet, or 'all of Aalborg'."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG or PNG picture under 5 MB. We remove hidden information from it."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        if postcode and not postcode.municipality.is_licensed():
            raise forms.ValidationError(
                _("%(municipality)s does not offer Belong yet."),
                code="unlicensed",
                params={"municipality": postcode.municipality.display_name},
            )
        return postcode


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("The member's e-mail address"),
        help_text=_("The person must already have a profile on Belong."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, initial=Role.MEMBER, widget=forms.RadioSelect
    )


class ApplicationForm(forms.Form):
    note = forms.CharField(
        label=_("A note for the municipality"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example your CVR number, or who the municipality can call."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you refuse. The organisation reads it."),
    )


class LogoRemovalForm(forms.Form):
    reason = forms.CharField(label=_("Why is the logo removed?"), max_length=1000)


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    interest = forms.ChoiceField(
        label=_("Interest"), choices=[("", _("All interests")), *INTERESTS], required=False
    )
    ages = forms.ChoiceField(
        label=_("Ages"), choices=[("", _("All ages welcomed")), *Ages.choices], required=False
    )
    everywhere = forms.BooleanField(label=_("Show the whole country"), required=False)
    verified = forms.BooleanField(label=_("Only verified by the municipality"), required=False)
