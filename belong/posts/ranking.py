"""Best match: how search ranks the candidates of a search (`belong.posts.search`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField

from belong.accounts.models import User
from belong.core import clock
from belong.places.models import Postcode
from belong.posts.models import Post

# The best this many by text, place and time are then ranked by the viewer's interests too.
BEST_MATCH_CANDIDATES = 300


@dataclass(frozen=True)
class RankingSignal:
    """Something "best match" weighs that another app knows: `annotate` adds `name` (0-100)
    to each candidate post, and the score adds `weight` times its share."""

    name: str
    annotate: Callable[[QuerySet[Post]], QuerySet[Post]]
    weight: float


# Filled by the apps that know more about an author (messaging: how they answer), each
# from its own module, so search needs to import none of them.
RANKING_SIGNALS: list[RankingSignal] = []


def add_ranking_signal(signal: RankingSignal) -> None:
    if all(known.name != signal.name for known in RANKING_SIGNALS):
        RANKING_SIGNALS.append(signal)


# The pair score: how well a viewer and each post's author fit each other, both ways, with
# the reasons in plain words. Matching plugs in the same score and reasons as its
# suggestions (`belong.matching.ranking`), so search needs not import it. Takes the viewer
# and the ids of posts they may see; gives {post id: (score 0-10, reasons)}.
PairScore = Callable[[User, list[int]], dict[int, tuple[float, list[str]]]]
PAIR_SCORES: list[PairScore] = []


def set_pair_score(pair_score: PairScore) -> None:
    PAIR_SCORES[:] = [pair_score]


def _with_ranking_signals(posts: QuerySet[Post]) -> QuerySet[Post]:
    for signal in RANKING_SIGNALS:
        posts = signal.annotate(posts)
    return posts


def nearness(centre: Postcode) -> RawSQL:
    """Squared distance on a local flat projection, in degrees of latitude squared: orders
    like the true distance at Danish scale, and needs no trigonometry in the database."""
    scale = math.cos(math.radians(centre.latitude)) ** 2
    return RawSQL(
        "(posts_post.latitude - %s) * (posts_post.latitude - %s)"
        " + (posts_post.longitude - %s) * (posts_post.longitude - %s) * %s",
        [centre.latitude, centre.latitude, centre.longitude, centre.longitude, scale],
        output_field=FloatField(),
    )


def _tokens(expr) -> list[str]:
    if isinstance(expr, str):
        return [expr]
    return [token for item in expr[1] for token in _tokens(item)]


def _relevance(words: list) -> tuple[str, list]:
    """How often the query's tokens stand in a post's `search_words` (title words twice,
    a concept once for each word of it), for its length: the same SQL on both backends
    (SQLite's contentless index keeps no counts for BM25). Each token is counted with its
    own spaces around it, so neighbours do not share one."""
    spaced = "(' ' || replace(posts_post.search_words, ' ', '  ') || ' ')"
    parts, params = [], []
    for token in dict.fromkeys(t for word in words for t in _tokens(word)):
        parts.append(f"(length({spaced}) - length(replace({spaced}, %s, ''))) / %s")
        params.extend([f" {token} ", float(len(token) + 2)])
    if not parts:
        return "0.0", []
    count = " + ".join(parts)
    return f"3.0 * ({count}) / (1.0 + length(posts_post.search_words) / 1000.0)", params


def _match_score(words: list, centre: Postcode | None) -> RawSQL:
    """Best match in SQL, for every candidate: text relevance (`_relevance`), closeness (3
    points at the centre, half at 20 km) and freshness (2 points today, half at 30 days).
    Only numbers and fixed fragments enter the SQL; tokens are parameters."""
    now = clock.now()
    relevance, params = _relevance(words)
    sql = [relevance]
    if connection.vendor == "postgresql":
        sql.append("2.0 / (1.0 + extract(epoch FROM (%s - posts_post.published_at)) / 2592000.0)")
        params.append(now)
    else:
        sql.append("2.0 / (1.0 + (julianday(%s) - julianday(posts_post.published_at)) / 30.0)")
        params.append(connection.ops.adapt_datetimefield_value(now))
    if centre is not None:
        near = nearness(centre)
        # Degrees of latitude squared to km squared (111 km a degree), half at 20 km.
        sql.append(f"3.0 / (1.0 + coalesce({near.sql}, 100.0) * 12321.0 / 400.0)")
        params.extend(near.params)
    return RawSQL(" + ".join(sql), params, output_field=FloatField())  # noqa: S611


def best_matches(
    candidates: QuerySet[Post], words: list, *, viewer: User, centre
) -> tuple[list[Post], dict[int, list[str]]]:
    """Every candidate ranked in SQL by `_match_score`; the best BEST_MATCH_CANDIDATES then
    also by the pair score (do they and the viewer fit each other, both ways), the same as
    the viewer's suggestions. Returns them best first, and each one's reasons. Without a
    pair score, shared interests and the ranking signals of other apps count instead."""
    best = list(
        _with_ranking_signals(
            candidates.annotate(match_score=_match_score(words, centre)).order_by(
                "-match_score", "-published_at", "-id"
            )
        ).only("id", "interest_mask")[:BEST_MATCH_CANDIDATES]
    )
    if PAIR_SCORES and best:
        paired = PAIR_SCORES[0](viewer, [post.pk for post in best])
        reasons = {pk: item[1] for pk, item in paired.items()}

        def pair_total(post: Post) -> float:
            relevance: float = post.match_score  # type: ignore[attr-defined]
            return relevance + paired.get(post.pk, (0.0, []))[0]

        return sorted(best, key=pair_total, reverse=True), reasons
    viewer_mask = viewer.interest_mask

    def score(post: Post) -> float:
        # match_score is the annotation of the query above.
        relevance: float = post.match_score  # type: ignore[attr-defined]
        total = relevance + 2.0 * bin(post.interest_mask & viewer_mask).count("1")
        for signal in RANKING_SIGNALS:
            total += signal.weight * getattr(post, signal.name) / 100
        return total

    return sorted(best, key=score, reverse=True), {}
