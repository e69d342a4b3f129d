"""Search's best match weighs the same pair score as the suggestions, with the same reasons:
matching plugs it into `posts.ranking` (from MatchingConfig.ready), so posts imports none
of matching."""

from __future__ import annotations

from belong.accounts.models import User
from belong.matching.scoring import WEIGHTS
from belong.matching.services import score_posts

# The pair score on search's scale: 0 to 10, next to text relevance, closeness and freshness.
SCALE = 10 / sum(WEIGHTS.values())


def pair_score(viewer: User, post_ids: list[int]) -> dict[int, tuple[float, list[str]]]:
    return {
        item.post.pk: (item.score * SCALE, item.reasons) for item in score_posts(viewer, post_ids)
    }


def register_pair_score() -> None:
    from belong.posts.ranking import set_pair_score

    set_pair_score(pair_score)
