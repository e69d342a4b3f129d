"""Forms for signing up and keeping a profile."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import INTERESTS
from belong.accounts.models import Gender, User, age_on
from belong.accounts.services import SignupRefused, check_may_join, complete_signup
from belong.core.forms import DatePartsField
from belong.places.models import Postcode
from belong.places.services import find_postcode
from belong.posts.models import Motive

OLDEST_AGE = 120


class PostcodeField(forms.CharField):
    default_error_messages = {
        "unknown": _(
            "We do not know the postcode %(code)s. Write the 4 digits of your postcode, "
            "for example 9000."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault("help_text", _("The postcode where you live, for example 9000."))
        kwargs.setdefault("max_length", 6)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "postal-code", "size": "6"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Postcode):
            return value.code
        return super().prepare_value(value)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        postcode = find_postcode(value)
        if postcode is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value.strip()}
            )
        return postcode


class BirthDateField(DatePartsField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Birth date"))
        kwargs.setdefault(
            "help_text", _("Only your age group is shown to others, never your birth date.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        birth_date = super().clean(value)
        today = timezone.localdate()
        if birth_date and birth_date > today:
            raise forms.ValidationError(
                _("The birth date is in the future. Please check the year."), code="future"
            )
        if birth_date and age_on(birth_date, today) > OLDEST_AGE:
            raise forms.ValidationError(
                _("Please check the year of your birth date."), code="too_old"
            )
        return birth_date


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks on top of e-mail and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=40,
        help_text=_("The name other people see. Your first name is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    birth_date = BirthDateField()
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect, initial=None
    )
    postcode = PostcodeField()

    refusal: SignupRefused | None = None

    def clean(self):
        cleaned = super().clean()
        birth_date: datetime.date | None = cleaned.get("birth_date")
        postcode: Postcode | None = cleaned.get("postcode")
        if birth_date and postcode:
            try:
                check_may_join(birth_date=birth_date, postcode=postcode)
            except SignupRefused as refusal:
                self.refusal = refusal
                if refusal.reason == "too_young":
                    self.add_error(
                        "birth_date",
                        forms.ValidationError(
                            _(
                                "Belong is for people aged %(age)s and over. You are very "
                                "welcome to come back when you have turned %(age)s."
                            ),
                            code="too_young",
                            params={"age": settings.BELONG_MINIMUM_AGE},
                        ),
                    )
                else:
                    self.add_error(
                        "postcode",
                        forms.ValidationError(
                            _("%(municipality)s does not offer Belong yet."),
                            code="not_licensed",
                            params={"municipality": refusal.municipality.display_name},
                        ),
                    )
        return cleaned

    def signup(self, request, user: User) -> None:
        complete_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            birth_date=self.cleaned_data["birth_date"],
            gender=self.cleaned_data["gender"],
            postcode=self.cleaned_data["postcode"],
        )


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=40,
        help_text=_("The name other people see. Your first name is fine."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    postcode = PostcodeField()
    about = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few lines about you: what you like, what your days look like, who you would "
            "like to meet."
        ),
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose as many as you like."),
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        if postcode and not postcode.municipality.is_licensed():
            raise forms.ValidationError(
                _(
                    "%(municipality)s does not offer Belong yet, so you cannot move your "
                    "profile there."
                ),
                code="not_licensed",
                params={"municipality": postcode.municipality.display_name},
            )
        return postcode


class PlaceCheckForm(forms.Form):
    postcode = PostcodeField()


class AssistedSignupForm(SignupDetailsForm):
    """A staff member makes an account with the citizen present (see accounts/assisted.py)."""

    CONSENT_TEXT = _(
        "The citizen is here with me. They agree that I create their account and their first "
        "post, and that Belong keeps the details they gave."
    )

    consent = forms.BooleanField(label=CONSENT_TEXT)
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


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=60,
        help_text=_('What the key is for, e.g. "My phone".'),
        error_messages={"required": _("Give the key a name, so you know it again.")},
    )
