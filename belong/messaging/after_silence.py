"""What a person is offered after silence or a kind "no": the apps that know (support asks
matching and activities) plug in here, so the conversation page and the e-mails show the
same offer without messaging importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from belong.accounts.models import User

# Each returns context for `core/_after_silence.*`: {"suggestions": [...], "activity": ...}.
OFFERS: list[Callable[..., dict[str, Any]]] = []


def register_offer(offer: Callable[..., dict[str, Any]]) -> None:
    if offer not in OFFERS:
        OFFERS.append(offer)


def offer_for(user: User, *, conversation=None) -> dict[str, Any]:
    """The offer for `user`, who was let down in `conversation`."""
    context: dict[str, Any] = {}
    for offer in OFFERS:
        context.update(offer(user, conversation=conversation))
    return context
