"""Suggestions for a citizen: posts they may see (always from `visible_posts`, so never what
search would not show), scored both ways, with at most three reasons in plain words; and
the citizen's own life situation and "not for me" choices."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.interests import INTEREST_BITS, INTEREST_LABELS
from belong.accounts.models import User
from belong.core import clock
from belong.matching.models import (
    ALSO_TEXT,
    SITUATION_BITS,
    HiddenSuggestion,
    LifeSituation,
    Situation,
    StoredSuggestions,
    situations_to_mask,
)
from belong.matching.scoring import (
    CANDIDATES,
    Person,
    days_since,
    motives_fit,
    score,
    signals,
)
from belong.messaging.models import Conversation, ConversationStatus
from belong.messaging.responsiveness import NEUTRAL_SCORE, responsiveness_rows, text_for_row
from belong.posts.models import Motive, Post, Reach, Status
from belong.posts.projections import distance_for_reader
from belong.posts.visibility import visible_posts

# How many suggestions are shown (the newest CANDIDATES visible posts are scored).
SUGGESTIONS = 10
# How many of the best are stored per viewer: enough that ten remain after the live rules
# take out what was hidden, blocked or deleted since.
STORED = 40
MAX_REASONS = 3

# The distance a reach stands for, when a person's own post says how far they would go.
REACH_KM = {Reach.MUNICIPALITY: 25.0, Reach.REGION: 75.0}


# Life situation ------------------------------------------------------------------------


def get_life_situation(user: User) -> LifeSituation:
    """The user's own life situation (an empty one until they fill it in)."""
    return LifeSituation.objects.filter(user=user).first() or LifeSituation(user=user)


@transaction.atomic
def save_life_situation(*, user: User, situations, shown) -> LifeSituation:
    """Keep the user's life situation. Only situations that apply can be shown to others."""
    mask = situations_to_mask(situations)
    row, _created = LifeSituation.objects.update_or_create(
        user=user,
        defaults={
            "situation_mask": mask,
            "shown_mask": situations_to_mask(shown) & mask,
            "updated_at": clock.now(),
        },
    )
    return row


# Not for me ----------------------------------------------------------------------------


def get_suggestible_post(viewer: User, pk: int) -> Post:
    """A post `viewer` may see and is not their own, or 404."""
    post = visible_posts(viewer).exclude(author=viewer).filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def hide_suggestion(*, viewer: User, post: Post) -> None:
    """ "Not for me": never suggest this post again. Nobody is told."""
    HiddenSuggestion.objects.get_or_create(
        viewer=viewer, post=post, defaults={"hidden_at": clock.now()}
    )


# Suggestions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    post: Post
    score: float
    reasons: list[str]
    distance_km: int | None


def _own_post(viewer: User) -> Post | None:
    return (
        Post.objects.filter(author=viewer, status=Status.PUBLISHED)
        .only(
            "motive",
            "interest_mask",
            "wish_age_min",
            "wish_age_max",
            "wish_gender",
            "reach",
            "reach_km",
        )
        .order_by("-published_at")
        .first()
    )


def _max_km(reach: str | None, reach_km: int | None) -> float | None:
    if reach == Reach.NEAR:
        return float(reach_km or 10)
    return REACH_KM.get(Reach(reach)) if reach else None


def viewer_person(viewer: User) -> Person:
    """The viewer as the score sees them: their profile, their whole life situation (it is
    theirs, and only ever ranks their own suggestions) and the wishes of their newest post."""
    own = _own_post(viewer)
    home = viewer.postcode if viewer.postcode_id else None
    situation = LifeSituation.objects.filter(user=viewer).values_list("situation_mask", flat=True)
    return Person(
        age=viewer.age(),
        gender=viewer.gender,
        latitude=home.latitude if home else None,
        longitude=home.longitude if home else None,
        interest_mask=viewer.interest_mask | (own.interest_mask if own else 0),
        situation_mask=situation.first() or 0,
        motive=own.motive if own else None,
        wish_age_min=own.wish_age_min if own else None,
        wish_age_max=own.wish_age_max if own else None,
        wish_gender=own.wish_gender if own else "any",
        max_km=_max_km(own.reach, own.reach_km) if own else None,
    )


def author_person(post: Post, *, shown_mask: int, responsiveness: float) -> Person:
    """The post's author as the score sees them: only what the post says and the life
    situation they chose to show."""
    today = clock.today()
    age = None
    if post.author_birth_date:
        age = (today - post.author_birth_date).days // 365
    return Person(
        age=age,
        gender=post.author_gender,
        latitude=post.latitude,
        longitude=post.longitude,
        interest_mask=post.interest_mask,
        situation_mask=shown_mask,
        motive=post.motive,
        wish_age_min=post.wish_age_min,
        wish_age_max=post.wish_age_max,
        wish_gender=post.wish_gender,
        max_km=_max_km(post.reach, post.reach_km),
        responsiveness=responsiveness,
    )


def candidate_posts(viewer: User):
    """The posts a suggestion may come from: what search shows the viewer (visible_posts),
    less their own, those they hid, those they already wrote to, and the authors of any
    contact that ended with a kind no."""
    declined = Conversation.objects.filter(status=ConversationStatus.DECLINED).filter(
        Q(starter=viewer) | Q(recipient=viewer)
    )
    return (
        visible_posts(viewer)
        .exclude(author=viewer)
        .exclude(pk__in=HiddenSuggestion.objects.filter(viewer=viewer).values("post"))
        .exclude(pk__in=Conversation.objects.filter(starter=viewer).values("post"))
        .exclude(author_id__in=declined.values("starter"))
        .exclude(author_id__in=declined.values("recipient"))
    )


# What scoring reads of a candidate post: a day's candidates are many, so no more.
SCORED_FIELDS = (
    "motive",
    "interest_mask",
    "wish_age_min",
    "wish_age_max",
    "wish_gender",
    "reach",
    "reach_km",
    "latitude",
    "longitude",
    "published_at",
    "is_youth",
    "author",
    "author_birth_date",
    "author_gender",
)
# What a shown suggestion reads: the scored fields, and its text and place.
CANDIDATE_FIELDS = ("title", "body", *SCORED_FIELDS, "municipality")


def _has_history(row) -> bool:
    return row is not None and row.first_contacts >= 2


def _rank(viewer: User, me: Person, posts: list[Post], *, limit: int) -> list[Suggestion]:
    """The best `limit` of `posts` for the viewer, best first, each with its reasons."""
    return [
        Suggestion(
            post=post,
            score=round(value, 3),
            reasons=reasons_for(me, them, post=post, km=km, responsiveness_row=row),
            distance_km=km,
        )
        for value, post, them, km, row in _scored(viewer, me, posts)[:limit]
    ]


def _scored(viewer: User, me: Person, posts: list[Post]) -> list[tuple]:
    """(score, post, author as scored, km, responsiveness row) of each post, best first."""
    now = clock.now()
    author_ids = {post.author_id for post in posts}
    shown = dict(
        LifeSituation.objects.filter(user_id__in=author_ids).values_list("user_id", "shown_mask")
    )
    answers = responsiveness_rows(author_ids)
    home = viewer.postcode if viewer.postcode_id else None
    ranked = []
    for post in posts:
        row = answers.get(post.author_id)
        them = author_person(
            post,
            shown_mask=shown.get(post.author_id, 0),
            responsiveness=row.score if row is not None and _has_history(row) else NEUTRAL_SCORE,
        )
        km = distance_for_reader(viewer, post, home=home)
        values = signals(me, them, km=km, age_days=days_since(post.published_at, now))
        ranked.append((score(values), post, them, km, row))
    ranked.sort(key=lambda item: (-item[0], -item[1].pk))
    return ranked


def _listing(queryset):
    return queryset.select_related("author", "municipality").only(
        *CANDIDATE_FIELDS,
        "author__display_name",
        "author__birth_date",
        "author__age_verified_at",
        "municipality__name",
    )


def fingerprint(viewer: User, me: Person) -> str:
    """What the viewer's suggestions depend on of the viewer: their profile, their whole
    life situation and their newest post's wishes (all in `me`), and their home."""
    # JSON, not repr: a choice is a plain string from the database but an enum from a form.
    text = json.dumps([asdict(me), viewer.postcode_id, viewer.is_youth], sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def compute_suggestions(viewer: User, *, me: Person | None = None) -> StoredSuggestions:
    """Score the newest CANDIDATES posts the viewer may see and store the best STORED of
    them. The daily task runs it for every active citizen; a read runs it when the viewer
    has changed since."""
    me = me if me is not None else viewer_person(viewer)
    newest = candidate_posts(viewer).only(*SCORED_FIELDS).order_by("-published_at", "-pk")
    best = _scored(viewer, me, list(newest[:CANDIDATES]))[:STORED]
    row, _created = StoredSuggestions.objects.update_or_create(
        viewer=viewer,
        defaults={
            "fingerprint": fingerprint(viewer, me),
            "post_ids": [post.pk for _score, post, *_rest in best],
            "computed_at": clock.now(),
        },
    )
    return row


def score_posts(viewer: User, post_ids: list[int]) -> list[Suggestion]:
    """Posts the viewer may see already (search found them under the same rules), scored
    and explained as suggestions are, best first."""
    me = viewer_person(viewer)
    posts = list(_listing(Post.objects.filter(pk__in=post_ids).exclude(author=viewer)))
    return _rank(viewer, me, posts, limit=len(posts))


def suggestions_for(viewer: User, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The viewer's best suggestions now, best first, each with its reasons: the stored
    candidates, passed again through the live rules (`candidate_posts`: what search shows,
    less hidden, declined and written-to), so a block or a deleted post counts at once."""
    me = viewer_person(viewer)
    stored = StoredSuggestions.objects.filter(viewer=viewer).first()
    if stored is None or stored.fingerprint != fingerprint(viewer, me):
        stored = compute_suggestions(viewer, me=me)
    if not stored.post_ids:
        return []
    posts = list(_listing(candidate_posts(viewer)).filter(pk__in=stored.post_ids))
    return _rank(viewer, me, posts, limit=limit)


def reasons_for(me: Person, them: Person, *, post: Post, km, responsiveness_row) -> list[str]:
    """At most three reasons in plain words, speaking to both: what they seek together,
    how far, what they share. Only the author's shown life situation ever appears."""
    reasons = []
    if me.motive is not None and motives_fit(me.motive, them.motive):
        label = str(Motive(post.motive).label)
        label = label[:1].lower() + label[1:]
        if me.motive == them.motive:
            reasons.append(_("You are both looking for: %(motive)s") % {"motive": label})
        else:  # what they seek suits what the viewer seeks ("a club seeks new members")
            reasons.append(_("Looking for: %(motive)s") % {"motive": label})
    if km is not None:
        if km < 1:
            reasons.append(_("Less than 1 km from you"))
        else:
            reasons.append(_("%(km)s km from you") % {"km": km})
    common = me.situation_mask & them.situation_mask
    for value, bit in SITUATION_BITS.items():
        if common & bit:
            reasons.append(str(ALSO_TEXT[Situation(value)]))
            break
    interests = me.interest_mask & them.interest_mask
    for slug, bit in INTEREST_BITS.items():
        if interests & bit:
            reasons.append(
                _("You both like %(interest)s") % {"interest": str(INTEREST_LABELS[slug]).lower()}
            )
            break
    row = responsiveness_row
    if _has_history(row) and row.answered_within_day * 10 >= row.first_contacts * 6:
        reasons.append(text_for_row(row))
    return reasons[:MAX_REASONS]
