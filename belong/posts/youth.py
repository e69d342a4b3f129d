"""On an 18th birthday the citizen's youth posts pause for their review: shown again, they
return in the adult space (`resume_post`)."""

from __future__ import annotations

from belong.posts.services import pause_posts_of


def pause_youth_posts(*, user, now) -> int:
    return pause_posts_of(author_id=user.pk, youth_only=True, now=now)


ON_TURNING_ADULT = [pause_youth_posts]
