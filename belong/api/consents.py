"""My consents through the API: the same records as the profile page, given and withdrawn
with the same services (belong.accounts.consents)."""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Router

from belong.accounts import consents
from belong.api.common import ERRORS, ApiProblem, Closed
from belong.municipalities import newsletter

router = Router(tags=["consents"])

# A staff member records the assisted sign-up; every other yes is the citizen's own.
GivenPurpose = Literal["terms", "newsletter", "questionnaires", "outcome_linking", "research"]
Purpose = Literal[
    "terms", "newsletter", "questionnaires", "outcome_linking", "research", "assisted_signup"
]
Via = Literal["signup", "profile", "questionnaire", "assisted", "email_link", "one_click", "api"]


class ConsentOut(Closed):
    id: int
    purpose: Purpose
    wording: str
    version: str
    language: Literal["da", "en"]
    given_at: datetime.datetime
    given_via: Via
    withdrawn_at: datetime.datetime | None
    withdrawn_via: Via | Literal[""]


class ConsentIn(Closed):
    purpose: GivenPurpose
    language: Literal["da", "en"] = "da"


def consent_out(consent) -> dict:
    return {
        "id": consent.pk,
        "purpose": consent.purpose,
        "wording": consent.wording,
        "version": consent.version,
        "language": consent.language,
        "given_at": consent.given_at,
        "given_via": consent.given_via,
        "withdrawn_at": consent.withdrawn_at,
        "withdrawn_via": consent.withdrawn_via,
    }


@router.get(
    "/me/consents", response={200: list[ConsentOut], **ERRORS}, summary="Everything I said yes to"
)
def my_consents(request):
    """Every consent, open and withdrawn, newest first, with the words that were shown."""
    return [consent_out(c) for c in consents.consents_of(request.auth)]


@router.post("/me/consents", response={201: ConsentOut, **ERRORS}, summary="Say yes")
def give_consent(request, payload: ConsentIn):
    """Say yes to one purpose under its current words, in `language`. Saying yes again under
    the same words and language returns the open yes unchanged. The newsletter needs an
    e-mail address on the account (400 otherwise)."""
    user = request.auth
    via = consents.Via.API
    try:
        if payload.purpose == consents.Purpose.NEWSLETTER:
            consent = newsletter.give_consent(user=user, language=payload.language, via=via)
        else:
            consent = consents.give(
                user=user, purpose=payload.purpose, via=via, language=payload.language
            )
    except ValidationError as error:
        raise ApiProblem(400, "refused", " ".join(error.messages), field="purpose") from error
    return 201, consent_out(consent)


@router.post(
    "/me/consents/{consent_id}/withdraw",
    response={200: ConsentOut, **ERRORS},
    summary="Take a yes back",
)
def withdraw_consent(request, consent_id: int):
    """Withdraw one of my consents (404 for anyone else's). Withdrawing one already
    withdrawn changes nothing. Taking back the yes to questionnaires deletes the answers."""
    consent = consents.withdraw_by_id(user=request.auth, pk=consent_id, via=consents.Via.API)
    return consent_out(consent)
