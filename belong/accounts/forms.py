"""Forms for signing up and keeping a profile."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from belong.accounts import consents
from belong.accounts.consents import Purpose, Via, current_wording
from belong.accounts.identity import verified_birth_date
from belong.accounts.interests import INTERESTS
from belong.accounts.models import Gender, User, age_on
from belong.accounts.services import SignupRefused, check_may_join, complete_signup
from belong.core import clock
from belong.core.forms import DatePartsField
from belong.places.forms import PostcodeField
from belong.places.models import Postcode

OLDEST_AGE = 120


class BirthDateField(DatePartsField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Birth date"))
        kwargs.setdefault(
            "help_text", _("Only your age group is shown to others, never your birth date.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        birth_date = super().clean(value)
        today = clock.today()
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
    terms = forms.BooleanField(
        label=current_wording(Purpose.TERMS).text,
        error_messages={
            "required": _("Please tick the box to say yes to the terms, so you can join.")
        },
    )
    newsletter = forms.BooleanField(
        label=current_wording(Purpose.NEWSLETTER).text,
        required=False,
        help_text=_("You choose: you can join Belong without the newsletter."),
    )

    refusal: SignupRefused | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Signing up with MitID: the verified birth date is given and cannot be changed.
        sociallogin = getattr(self, "sociallogin", None)
        if sociallogin is not None:
            verified = verified_birth_date(sociallogin)
            if verified is not None:
                self.initial["birth_date"] = verified
                self.fields["birth_date"].disabled = True
                self.fields["birth_date"].help_text = _("Verified with MitID.")

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
        consents.give(user=user, purpose=Purpose.TERMS, via=Via.SIGNUP)
        if self.cleaned_data.get("newsletter") and user.email:
            consents.give(user=user, purpose=Purpose.NEWSLETTER, via=Via.SIGNUP)


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


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=60,
        help_text=_('What the key is for, e.g. "My phone".'),
        error_messages={"required": _("Give the key a name, so you know it again.")},
    )
