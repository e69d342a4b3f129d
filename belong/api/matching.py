"""Suggestions for the caller: the same services as the "Forslag til dig" page."""

from __future__ import annotations

from ninja import Router, Status

from belong.api.common import ERRORS, Closed
from belong.api.posts import PostOut, post_out
from belong.matching.services import get_suggestible_post, hide_suggestion, suggestions_for

router = Router(tags=["suggestions"])


class SuggestionOut(Closed):
    """A suggested post, with at most three reasons in plain words (Danish, or English with
    `Accept-Language: en`)."""

    post: PostOut
    reasons: list[str]


class SuggestionList(Closed):
    items: list[SuggestionOut]


@router.get("/suggestions", response={200: SuggestionList, **ERRORS}, summary="Suggestions for me")
def suggestions(request):
    return {
        "items": [
            {
                "post": post_out(item.post, request.auth, distance=item.distance_km),
                "reasons": item.reasons,
            }
            for item in suggestions_for(request.auth)
        ]
    }


@router.post(
    "/suggestions/{post_id}/hide",
    response={204: None, **ERRORS},
    summary="Not for me: never suggest this post again",
)
def hide(request, post_id: int):
    hide_suggestion(viewer=request.auth, post=get_suggestible_post(request.auth, post_id))
    return Status(204, None)
