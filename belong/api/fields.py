"""The API's field types, made from the same definitions the pages' forms and the models
validate with: lengths from the forms, enums from the models' choices. Pydantic checks
them and the OpenAPI document states them, so the document says exactly what the API
accepts.

Patterns use only explicit character classes, so that every regular-expression engine
involved (pydantic's, Python's, a client's ECMAScript one) reads them alike."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from enum import IntEnum
from typing import Annotated, Any, Literal, cast

from django import forms
from pydantic import BeforeValidator, Field

from belong.accounts.forms import ProfileForm
from belong.accounts.interests import INTERESTS
from belong.accounts.models import Gender
from belong.messaging.forms import MeetingForm, MessageForm
from belong.messaging.models import HowItFelt, MeetAgain
from belong.messaging.services import READY_REPLIES, TOKEN
from belong.moderation.forms import ReportForm
from belong.posts.forms import PostForm, SearchForm
from belong.posts.models import REACH_KM_CHOICES, Motive, Reach, WishGender
from belong.posts.search import RADIUS_CHOICES, SORT_CHOICES, WHERE_CHOICES
from belong.safety.models import CITIZEN_REASONS

# What Python's str.strip() removes (the forms strip text before they check it), and NUL,
# which no form accepts.
_SPACE = r"\x00\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Text with at least one character that is not white space, and no NUL.
WRITTEN = rf"^[^\x00]*[^{_SPACE}][^\x00]*$"
# Any text without NUL (optional fields may be empty).
ANY_TEXT = r"^[^\x00]*$"


def _max_length(form, name: str) -> int:
    return form.base_fields[name].max_length


def written(form, name: str, description: str | None = None):
    """Required text: something written, at most the form's length."""
    return Annotated[
        str,
        Field(
            min_length=1,
            max_length=_max_length(form, name),
            pattern=WRITTEN,
            description=description,
        ),
    ]


def optional_text(form, name: str, description: str | None = None):
    return Annotated[
        str, Field(max_length=_max_length(form, name), pattern=ANY_TEXT, description=description)
    ]


def choices_literal(choices):
    """The keys of Django choices as a Literal: the document lists them as an enum, and
    pydantic takes exactly those strings (no coercion from other types)."""
    return Literal[tuple(key for key, _label in choices)]


Interest = choices_literal(INTERESTS)
MotiveChoice = choices_literal(Motive.choices)
ReachChoice = choices_literal(Reach.choices)
WishGenderChoice = choices_literal(WishGender.choices)
GenderChoice = choices_literal(Gender.choices)
ReportReasonChoice = choices_literal(CITIZEN_REASONS)
ReadyReplyChoice = choices_literal([(key, key) for key in READY_REPLIES])
# "" when the person does not say.
MeetAgainChoice = choices_literal([("", ""), *MeetAgain.choices])
# How a meeting felt: 1 (hard) to 5 (very good).
FeltChoice = choices_literal(HowItFelt.choices)
Where = choices_literal([(key, key) for key in WHERE_CHOICES])
Sort = choices_literal([(key, key) for key in SORT_CHOICES])
SearchGender = choices_literal(
    [
        (key, label)
        for key, label in cast(
            Iterable[tuple[Any, Any]],
            cast(forms.ChoiceField, SearchForm.base_fields["gender"]).choices,
        )
        if key
    ]
)
ReachKm = choices_literal(REACH_KM_CHOICES)
# In a query string every value is text: the enum's numbers are read from it.
Radius = IntEnum("Radius", {f"km{km}": km for km in RADIUS_CHOICES})  # type: ignore[misc]


def _iso_date_text(value):
    """A JSON date is text, YYYY-MM-DD; a number or a date-time is not one."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date as YYYY-MM-DD")
    return value


Day = Annotated[datetime.date, BeforeValidator(_iso_date_text)]


def _whole_number(value):
    """A JSON number without a fraction (13 or 13.0, as JSON Schema's integer); text such
    as "13" and true are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("a whole number")
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]

Age = Annotated[
    int,
    Field(
        ge=PostForm.base_fields["wish_age_min"].min_value,
        le=PostForm.base_fields["wish_age_min"].max_value,
    ),
    BeforeValidator(_whole_number),
]
SearchAge = Annotated[
    int,
    Field(
        ge=SearchForm.base_fields["age_min"].min_value,
        le=SearchForm.base_fields["age_min"].max_value,
        description="Searched in whole age bands (13-17, 18-19, 20-29 ...): 34 searches 30-39.",
    ),
]

ClientToken = Annotated[
    str,
    Field(
        pattern=TOKEN.pattern,
        description=(
            "The sender's own idempotency key for this message: sending again with the same "
            "one sends nothing new. Reused in another conversation: 409."
        ),
    ),
]
# A 4-digit Danish postcode.
Postcode = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
SearchPostcode = Annotated[
    str, Field(pattern=r"^[0-9]{4}$", description="Search from here instead of from home.")
]
MeetingTime = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        description="Hours and minutes, e.g. 15:30.",
    ),
]

DisplayName = written(ProfileForm, "display_name")
About = optional_text(ProfileForm, "about")
PostTitle = written(PostForm, "title")
PostBody = written(PostForm, "body")
MessageBody = written(MessageForm, "body")
Place = written(MeetingForm, "place", "A public place, e.g. a café or a library.")
ReportDetails = optional_text(ReportForm, "details")
SearchText = Annotated[str, Field(max_length=_max_length(SearchForm, "q"), pattern=ANY_TEXT)]

# --- Cursors ----------------------------------------------------------------------------------

# A list's position: the microseconds since 1970 (UTC) of the last item's time, and its id.
KEYSET_CURSOR = r"^[0-9]{1,16}-[1-9][0-9]{0,17}$"
# A search's position: the next page and the page size it was counted in (at most 50).
SEARCH_CURSOR = r"^[1-9][0-9]{0,3}-([1-9]|[1-4][0-9]|50)$"


# --- Schemas from forms -----------------------------------------------------------------------


def api_type_for(field: forms.Field):
    """The API type of a form field, with what the form checks stated as constraints: text
    (written, or optional, at most the form's length), choices as enums, whole numbers
    within the form's bounds. Returns (type, default) for pydantic's create_model."""
    if isinstance(field, forms.MultipleChoiceField):
        return list[choices_literal(field.choices)], []  # type: ignore[misc]
    if isinstance(field, forms.ChoiceField):
        coerce = getattr(field, "coerce", str)
        pairs = cast(Iterable[tuple[Any, Any]], field.choices)
        choices = [(coerce(key), label) for key, label in pairs if key != ""]
        kind = choices_literal(choices)
    elif isinstance(field, forms.IntegerField):
        kind = Annotated[
            int, Field(ge=field.min_value, le=field.max_value), BeforeValidator(_whole_number)
        ]
    elif isinstance(field, forms.CharField):
        pattern = WRITTEN if field.required else ANY_TEXT
        kind = Annotated[
            str,
            Field(min_length=1 if field.required else None, max_length=field.max_length),
            Field(pattern=pattern),
        ]
    else:
        raise TypeError(f"No API type for {type(field).__name__}")
    if not field.required:
        if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
            return kind, ""
        return kind | None, None
    if field.initial is not None:
        return kind, field.initial
    return kind, ...
