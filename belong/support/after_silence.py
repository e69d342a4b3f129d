"""After silence or a kind "no", the person is offered more than a link: three posts that
fit what they seek, with the reasons (matching's suggestions, so never a post search would
not show them), an activity nearby, and (in the templates) the support request and the
help lines. Messaging shows it through `belong.messaging.after_silence`."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from belong.accounts.models import User
from belong.activities.services import upcoming_activities
from belong.core.links import absolute_url
from belong.matching.services import suggestions_for
from belong.messaging.after_silence import register_offer

SHOWN = 3


@dataclass(frozen=True)
class OfferedPost:
    title: str
    author_name: str
    reasons: list[str]
    url: str
    absolute_url: str


@dataclass(frozen=True)
class OfferedActivity:
    title: str
    starts_at: object
    place: str
    url: str
    absolute_url: str


def offer(user: User, *, conversation=None) -> dict:
    posts = [
        OfferedPost(
            title=suggestion.post.title,
            author_name=suggestion.post.author.display_name,
            reasons=suggestion.reasons,
            url=(url := reverse("post_detail", args=[suggestion.post.pk])),
            absolute_url=absolute_url(url),
        )
        for suggestion in suggestions_for(user, limit=SHOWN)
    ]
    activity = None
    municipality = user.municipality
    if municipality is not None:
        found = upcoming_activities(viewer=user, municipality=municipality).first()
        if found is not None:
            url = reverse("activity_detail", args=[found.pk])
            activity = OfferedActivity(
                title=found.title,
                starts_at=found.starts_at,
                place=str(found.place) if not found.online else "",
                url=url,
                absolute_url=absolute_url(url),
            )
    return {"suggestions": posts, "activity": activity}


def register() -> None:
    register_offer(offer)
