"""The citizen's forms: saying yes (three separate choices) and one round of answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.accounts.consents import Purpose, current_wording
from belong.outcomes import instruments


class OutcomeConsentForm(forms.Form):
    questionnaires = forms.BooleanField(
        label=current_wording(Purpose.QUESTIONNAIRES).text,
        error_messages={"required": _("Tick the box if you would like to answer.")},
    )
    outcome_linking = forms.BooleanField(
        label=current_wording(Purpose.OUTCOME_LINKING).text, required=False
    )
    research = forms.BooleanField(label=current_wording(Purpose.RESEARCH).text, required=False)


def _scale_field(label, choices) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(value, text) for value, text in choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the answer that fits best.")},
    )


class QuestionnaireForm(forms.Form):
    """WHO-5, then UCLA-3, then the item on being alone; every item answered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for instrument in instruments.INSTRUMENTS:
            for number, item in enumerate(instrument.items, start=1):
                self.fields[f"{instrument.key}_{number}"] = _scale_field(item, instrument.choices)
        self.fields["unwanted_alone"] = forms.ChoiceField(
            label=instruments.UNWANTED_ALONE_QUESTION,
            choices=instruments.UNWANTED_ALONE_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": _("Please choose the answer that fits best.")},
        )

    def fields_of(self, instrument: instruments.Instrument):
        return [self[f"{instrument.key}_{n}"] for n in range(1, len(instrument.items) + 1)]

    def who5_fields(self):
        return self.fields_of(instruments.WHO5)

    def ucla3_fields(self):
        return self.fields_of(instruments.UCLA3)

    def answers(self, instrument: instruments.Instrument) -> list[int]:
        return [
            self.cleaned_data[f"{instrument.key}_{n}"] for n in range(1, len(instrument.items) + 1)
        ]
