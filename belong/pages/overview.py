"""The signed-in front page: a citizen's own overview, composed from the domains' data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q

from belong.accounts.models import User
from belong.matching.services import Suggestion, suggestions_for
from belong.messaging.models import Conversation, ConversationStatus
from belong.posts.models import Post, Status

# The front page shows a few of today's suggestions; the rest are one click away.
FRONT_PAGE_SUGGESTIONS = 3


@dataclass
class Overview:
    posts: Sequence[Post]
    awaiting_my_answer: list[Conversation]
    awaiting_their_answer: list[Conversation]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def has_done_nothing(self) -> bool:
        return not (self.posts or self.awaiting_my_answer or self.awaiting_their_answer)


def overview_for(user: User) -> Overview:
    posts = list(
        Post.objects.filter(author=user)
        .exclude(status=Status.DRAFT)
        .annotate(writers=Count("conversations", filter=~Q(conversations__starter=user)))
        .only("title", "status")
        .order_by("-updated_at")[:5]
    )
    awaiting = Conversation.objects.filter(status=ConversationStatus.AWAITING).select_related(
        "starter", "recipient"
    )
    return Overview(
        posts=posts,
        awaiting_my_answer=list(awaiting.filter(recipient=user).order_by("created_at")[:5]),
        awaiting_their_answer=list(awaiting.filter(starter=user).order_by("created_at")[:5]),
        suggestions=suggestions_for(user, limit=FRONT_PAGE_SUGGESTIONS),
    )
