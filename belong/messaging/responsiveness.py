"""Responsiveness: how an author answers first contacts, counted as they answer or stay
silent, shown on their posts and used by search to prefer responsive authors."""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock
from belong.messaging.models import Responsiveness
from belong.posts.models import Post


def _responsiveness(user: User | int) -> Responsiveness:
    row, _created = Responsiveness.objects.get_or_create(user_id=getattr(user, "pk", user))
    return row


def _rescore(pk: int) -> None:
    Responsiveness.objects.filter(pk=pk, first_contacts__gt=0).update(
        score=F("answered_within_day") * 100 / F("first_contacts"), updated_at=clock.now()
    )


def count_answer(author: User, *, within_day: bool) -> None:
    row = _responsiveness(author)
    Responsiveness.objects.filter(pk=row.pk).update(
        first_contacts=F("first_contacts") + 1,
        answered=F("answered") + 1,
        answered_within_day=F("answered_within_day") + int(within_day),
        unanswered_in_a_row=0,
    )
    _rescore(row.pk)


def count_silence(author_id: int) -> int:
    """Count a first contact closed after silence; return how many in a row."""
    row = _responsiveness(author_id)
    Responsiveness.objects.filter(pk=row.pk).update(
        first_contacts=F("first_contacts") + 1, unanswered_in_a_row=F("unanswered_in_a_row") + 1
    )
    _rescore(row.pk)
    row.refresh_from_db(fields=["unanswered_in_a_row"])
    return row.unanswered_in_a_row


# Authors with too little history rank in the middle, neither helped nor held back.
NEUTRAL_SCORE = 50


def with_author_responsiveness(posts: QuerySet[Post]) -> QuerySet[Post]:
    """Annotate posts with `author_responsiveness` (0-100, the share of first contacts the
    author answered within a day), so that search can prefer responsive authors by ordering
    on it. One indexed subquery on the stored figure; no join to messages."""
    score = Responsiveness.objects.filter(
        user_id=OuterRef("author_id"), first_contacts__gte=2
    ).values("score")[:1]
    return posts.annotate(author_responsiveness=Coalesce(Subquery(score), Value(NEUTRAL_SCORE)))


def responsiveness_text(user: User | int) -> str:
    """The line a post shows about how its author answers, from their history."""
    return text_for_row(Responsiveness.objects.filter(user_id=getattr(user, "pk", user)).first())


def responsiveness_rows(user_ids) -> dict[int, Responsiveness]:
    """The stored figures of several authors at once, by user id (one query)."""
    return {row.user_id: row for row in Responsiveness.objects.filter(user_id__in=user_ids)}


def text_for_row(row: Responsiveness | None) -> str:
    """The line about how an author answers, from their stored figures (None: no history)."""
    if row is None or row.first_contacts < 2:
        return _("Has not had many messages here yet")
    if row.answered_within_day * 10 >= row.first_contacts * 6:
        return _("Usually replies within a day")
    if row.answered * 10 >= row.first_contacts * 6:
        return _("Usually replies within a few days")
    if row.answered * 10 >= row.first_contacts * 3:
        return _("Replies now and then")
    return _("Rarely replies")


def register_ranking_signal() -> None:
    """Search's "best match" prefers authors who answer (a reply is what a searcher hopes for)."""
    from belong.posts.search import RankingSignal, add_ranking_signal

    add_ranking_signal(
        RankingSignal(name="author_responsiveness", annotate=with_author_responsiveness, weight=2.0)
    )
