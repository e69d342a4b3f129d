"""When a citizen moves between the youth space and the adult space (an 18th birthday, or a
birth date verified or corrected on the other side of 18), their posts in the space they
left pause for their review: shown again, they return in the citizen's space now
(`resume_post`)."""

from __future__ import annotations

from belong.posts.services import pause_posts_of


def pause_posts_left_behind(*, user, now, youth: bool, reason: str) -> int:
    return pause_posts_of(author_id=user.pk, in_youth_space=not youth, now=now)


ON_CHANGING_SPACE = [pause_posts_left_behind]
