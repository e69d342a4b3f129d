"""Consent, once for every purpose: the versioned words a citizen says yes to, giving and
withdrawing a yes, and asking whether one is open. The newsletter, sign-up, assisted sign-up
and the questionnaires all ask here."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from belong.accounts.models import Consent, ConsentPurpose, ConsentVia, User
from belong.core import clock
from belong.core.plugins import collect

Purpose = ConsentPurpose
Via = ConsentVia
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
# What accounts holds only under a yes: nothing (a withdrawn yes keeps its own record).
ON_WITHDRAW: list[tuple[str, Callable[[User], None]]] = []


@dataclass(frozen=True)
class Wording:
    version: str
    text: Promise


# The exact words a citizen says yes to, per purpose. Change the words, change the version:
# each consent keeps the words and the version it was given under.
WORDINGS: dict[str, Wording] = {
    Purpose.TERMS: Wording(
        "2026-12",
        gettext_lazy(
            "I have read Belong's terms and how my data is used. I will be kind and honest, "
            "and I know I can delete my account at any time."
        ),
    ),
    Purpose.NEWSLETTER: Wording(
        "2026-12",
        gettext_lazy(
            "Yes, send me my municipality's newsletter by e-mail once a month, with its "
            "activities and news. I can stop it at any time, on my profile or with one click "
            "in the e-mail."
        ),
    ),
    Purpose.QUESTIONNAIRES: Wording(
        "2026-12",
        gettext_lazy(
            "Yes, I would like to answer a few short questions about how I am, when I join and "
            "after 3, 6 and 12 months. Staff never see my answers, only figures about many "
            "people together. I can stop at any time, and then my answers are deleted."
        ),
    ),
    Purpose.OUTCOME_LINKING: Wording(
        "2026-12",
        gettext_lazy(
            "Yes, my answers may be counted together with how I use Belong (for example how "
            "long I have been a member and whether I have met someone), only in figures about "
            "many people together."
        ),
    ),
    Purpose.RESEARCH: Wording(
        "2026-12",
        gettext_lazy(
            "Yes, researchers who evaluate Belong for my municipality may use figures that "
            "include my answers. They only get tables about many people together, never my "
            "answers or my name."
        ),
    ),
    Purpose.ASSISTED_SIGNUP: Wording(
        "2026-12",
        gettext_lazy(
            "The citizen is here with me. They agree that I create their account and their "
            "first post, and that Belong keeps the details they gave."
        ),
    ),
}


def current_wording(purpose: str) -> Wording:
    """The words and version a yes to `purpose` is given under today."""
    try:
        return WORDINGS[purpose]
    except KeyError:
        raise ValueError(f"Unknown consent purpose {purpose!r}") from None


def open_consent(user: User, purpose: str) -> Consent | None:
    if not user.is_authenticated:
        return None
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).first()


def has_consent(user: User, purpose: str) -> bool:
    return open_consent(user, purpose) is not None


def consenting_users(purpose: str) -> QuerySet[User]:
    """Everyone with an open yes to `purpose`: for counting and sending, in one query."""
    return User.objects.filter(
        consents__purpose=purpose, consents__withdrawn_at__isnull=True
    ).distinct()


def give(
    *,
    user: User,
    purpose: str,
    via: str,
    language: str | None = None,
    now: datetime.datetime | None = None,
) -> Consent:
    """`user` says yes to `purpose`, shown its current words in `language`. Saying yes again
    under the same words and language changes nothing; otherwise the old yes is closed and a
    new one records what was shown now."""
    wording = current_wording(purpose)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Please choose Danish or English."), code="language")
    if via not in Via.values:
        raise ValueError(f"Unknown way of giving consent {via!r}")
    now = now or clock.now()
    with transaction.atomic():
        current = (
            Consent.objects.select_for_update()
            .filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
            .first()
        )
        if current is not None:
            if current.language == language and current.version == wording.version:
                return current
            current.withdrawn_at = now
            current.withdrawn_via = via
            current.save(update_fields=["withdrawn_at", "withdrawn_via"])
        with translation.override(language):
            text = str(wording.text)
        try:
            with transaction.atomic():
                return Consent.objects.create(
                    user=user,
                    purpose=purpose,
                    wording=text,
                    version=wording.version,
                    language=language,
                    given_at=now,
                    given_via=via,
                )
        except IntegrityError:  # a second tab said yes at the same moment
            return Consent.objects.get(user=user, purpose=purpose, withdrawn_at__isnull=True)


def withdraw(*, user: User, purpose: str, via: str, now: datetime.datetime | None = None) -> bool:
    """`user` says no more to `purpose`. True when there was a yes to withdraw. Whatever an
    app holds only under that yes goes with it: each app lists what in its own `consents.py`
    (`ON_WITHDRAW`: `[(purpose, fn(user))]`), wherever the no was said."""
    withdrawn = bool(
        Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
            withdrawn_at=now or clock.now(), withdrawn_via=via
        )
    )
    if withdrawn:
        for hook_purpose, hook in collect("consents", "ON_WITHDRAW"):
            if hook_purpose == purpose:
                hook(user)
    return withdrawn


def consents_of(user: User) -> QuerySet[Consent]:
    """Every consent the citizen gave, open and withdrawn, newest first."""
    return Consent.objects.filter(user=user).order_by("-given_at", "-pk")


def get_consent_for_user(user: User, pk: int) -> Consent:
    """One of the citizen's own consents, or 404 (never someone else's)."""
    consent = Consent.objects.filter(user=user, pk=pk).first()
    if consent is None:
        raise Http404
    return consent


def withdraw_by_id(*, user: User, pk: int, via: str) -> Consent:
    """Withdraw one of the citizen's own consents by its id (the profile's button, the API)."""
    consent = get_consent_for_user(user, pk)
    if consent.is_open:
        withdraw(user=user, purpose=consent.purpose, via=via)
        consent.refresh_from_db()
    return consent
