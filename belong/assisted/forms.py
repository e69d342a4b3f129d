"""Forms for assisted sign-up and for logging in with a personal code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.accounts.consents import Purpose, current_wording
from belong.accounts.forms import SignupDetailsForm
from belong.accounts.interests import INTERESTS
from belong.accounts.models import User
from belong.posts.models import Motive


class AssistedSignupForm(SignupDetailsForm):
    """A staff member makes an account with the citizen present (see assisted/services.py)."""

    consent = forms.BooleanField(label=current_wording(Purpose.ASSISTED_SIGNUP).text)
    # The citizen's own yes to the terms and the newsletter is theirs to give, on their
    # profile; the staff member records only the assisted sign-up.
    terms = None  # type: ignore[assignment]
    newsletter = None  # type: ignore[assignment]
    email = forms.EmailField(
        label=_("The citizen's e-mail"),
        required=False,
        help_text=_("Leave it empty if the citizen has no e-mail. They get a personal code."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("Headline of the first post"),
        max_length=120,
        help_text=_('For example: "New in town, looking for a walking partner".'),
    )
    body = forms.CharField(
        label=_("The post: about the citizen and whom they would like to meet"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    motive = forms.ChoiceField(
        label=_("The citizen is looking for"),
        choices=Motive.choices,
        widget=forms.RadioSelect,
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=INTERESTS, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This e-mail already has an account. The citizen can log in with it.")
            )
        return email or None

    def post_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "motive": data["motive"],
            "interests": data["interests"],
            "wish_age_min": None,
            "wish_age_max": None,
            "wish_gender": "any",
            "reach": "near",
            "reach_km": 25,
        }


class CodeLoginForm(forms.Form):
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Personal code"),
        max_length=20,
        help_text=_("The code on your paper from the municipality, e.g. ABCDE-23456."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
