"""Small groups: 3 to 6 people near each other who seek the same thing and share an interest
are offered a group; each says yes privately, and it starts when GROUP_MIN have. Its
conversation keeps the rules of every conversation: a blocked pair is never in one group
and never hears from each other, minors and adults are never in one group, messages can be
reported, and ready-made replies are one tap."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from belong.accounts.interests import INTEREST_BITS, INTEREST_LABELS
from belong.accounts.models import User
from belong.core import clock, limits
from belong.matching.models import (
    GroupAnswer,
    GroupMessage,
    SmallGroup,
    SmallGroupMember,
)
from belong.matching.scoring import haversine_km
from belong.matching.services import REACH_KM
from belong.posts.models import Motive, Post, Reach, Status
from belong.safety.models import Block
from belong.safety.services import blocked_user_ids

GROUP_MIN = 3
GROUP_MAX = 6
# Only motives about meeting people; clubs seeking members or volunteers have their own ways.
GROUP_MOTIVES = (Motive.FRIEND, Motive.ACTIVITY, Motive.GROUP, Motive.LANGUAGE)
# A group meets in person: nobody is further than this from anyone else in it, whatever
# their reach says.
GROUP_KM = 25.0
MAX_BODY = 2000

# Ready-made replies for a group: one tap each.
GROUP_READY_REPLIES = {
    "hello": gettext_lazy("Hello everyone! I am glad to be here."),
    "when": gettext_lazy("Which day suits you? I am often free at the weekend."),
    "coffee": gettext_lazy("Shall we start with a cup of coffee somewhere central?"),
}


# Offering ------------------------------------------------------------------------------


def _reach_km(post: Post) -> float:
    if post.reach == Reach.NEAR:
        limit = float(post.reach_km or 10)
    else:
        limit = REACH_KM.get(Reach(post.reach), GROUP_KM)
    return min(limit, GROUP_KM)


def _offerable_posts(now: datetime.datetime) -> list[Post]:
    """Each author's newest published post that seeks people, with a place."""
    posts = (
        Post.objects.filter(
            status=Status.PUBLISHED,
            expires_at__gt=now,
            motive__in=GROUP_MOTIVES,
            latitude__isnull=False,
            longitude__isnull=False,
            author__is_active=True,
        )
        .exclude(interest_mask=0)
        .only(
            "author_id",
            "motive",
            "interest_mask",
            "is_youth",
            "latitude",
            "longitude",
            "reach",
            "reach_km",
            "published_at",
        )
        .order_by("author_id", "-published_at", "-pk")
    )
    newest: dict[int, Post] = {}
    for post in posts:
        newest.setdefault(post.author_id, post)
    return list(newest.values())


def _cell(post: Post) -> tuple[int, int]:
    """A square of about GROUP_KM on each side in Denmark: people are grouped within one,
    so a day's run compares neighbours, not the whole country (two neighbours on either
    side of a line wait for others in their own square)."""
    assert post.latitude is not None and post.longitude is not None  # noqa: S101  (filtered)
    return (math.floor(post.latitude / 0.225), math.floor(post.longitude / 0.4))


def _near_each_other(a: Post, b: Post) -> bool:
    assert a.latitude is not None and a.longitude is not None  # noqa: S101  (filtered)
    assert b.latitude is not None and b.longitude is not None  # noqa: S101
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    return km <= min(_reach_km(a), _reach_km(b))


@transaction.atomic
def offer_small_groups(*, now: datetime.datetime | None = None) -> int:
    """Offer new small groups: for each motive and shared interest, in each space (young
    people and adults never together), people whose places are within everyone's reach,
    with no block between any two of them, and who have no open offer for the same.
    Returns how many groups were offered."""
    now = now or clock.now()
    buckets: dict[tuple[str, str, bool, tuple[int, int]], list[Post]] = defaultdict(list)
    for post in _offerable_posts(now):
        for slug, bit in INTEREST_BITS.items():
            if post.interest_mask & bit:
                buckets[(post.motive, slug, post.is_youth, _cell(post))].append(post)
    authors = {post.author_id for posts in buckets.values() for post in posts}
    blocked = defaultdict(set)
    for blocker, blocked_id in Block.objects.filter(
        Q(blocker__in=authors) | Q(blocked__in=authors)
    ).values_list("blocker_id", "blocked_id"):
        blocked[blocker].add(blocked_id)
        blocked[blocked_id].add(blocker)
    taken = defaultdict(set)  # (motive, interest) -> people with an open offer or group
    for motive, interest, user_id in SmallGroupMember.objects.exclude(
        answer=GroupAnswer.NO
    ).values_list("group__motive", "group__interest", "user_id"):
        taken[(motive, interest)].add(user_id)
    offered = 0
    # At most one new offer a person a day: a group is a step to take calmly.
    offered_now: set[int] = set()
    for (motive, interest, is_youth, _place), posts in sorted(buckets.items()):
        free = [
            post
            for post in posts
            if post.author_id not in taken[(motive, interest)] and post.author_id not in offered_now
        ]
        while len(free) >= GROUP_MIN:
            seed, *rest = free
            group = [seed]
            for post in rest:
                if len(group) == GROUP_MAX:
                    break
                if all(
                    _near_each_other(post, member)
                    and member.author_id not in blocked[post.author_id]
                    for member in group
                ):
                    group.append(post)
            if len(group) >= GROUP_MIN:
                _offer(motive=motive, interest=interest, is_youth=is_youth, posts=group, now=now)
                offered += 1
                for post in group:
                    taken[(motive, interest)].add(post.author_id)
                    offered_now.add(post.author_id)
                free = [post for post in free if post not in group]
            else:
                free = rest
    return offered


def _offer(*, motive, interest, is_youth, posts, now) -> SmallGroup:
    group = SmallGroup.objects.create(
        motive=motive, interest=interest, is_youth=is_youth, offered_at=now
    )
    SmallGroupMember.objects.bulk_create(
        [SmallGroupMember(group=group, user_id=post.author_id) for post in posts]
    )
    return group


# Answering -----------------------------------------------------------------------------


def describe(group: SmallGroup) -> str:
    """What the group is about, in plain words."""
    label = str(Motive(group.motive).label)
    return _("%(motive)s, for people who like %(interest)s") % {
        "motive": label,
        "interest": str(INTEREST_LABELS.get(group.interest, group.interest)).lower(),
    }


def offers_for(user: User) -> list[SmallGroupMember]:
    """The groups offered to `user` that they have not answered and that have not started."""
    return list(
        SmallGroupMember.objects.filter(
            user=user, answer=GroupAnswer.WAITING, group__started_at__isnull=True
        )
        .select_related("group")
        .order_by("-group__offered_at")
    )


def groups_of(user: User) -> list[SmallGroup]:
    """The started groups `user` said yes to."""
    return list(
        SmallGroup.objects.filter(
            started_at__isnull=False,
            members__user=user,
            members__answer=GroupAnswer.YES,
        ).order_by("-started_at")
    )


def _yes_ids(group: SmallGroup) -> list[int]:
    return list(group.members.filter(answer=GroupAnswer.YES).values_list("user_id", flat=True))


def answer_small_group(*, user: User, group_id: int, yes: bool) -> SmallGroup:
    """Keep `user`'s private answer; the group starts when GROUP_MIN have said yes. Nobody
    is told who said no."""
    with transaction.atomic():
        group = SmallGroup.objects.select_for_update().filter(pk=group_id).first()
        member = (
            SmallGroupMember.objects.filter(group_id=group_id, user=user).first() if group else None
        )
        if group is None or member is None or group.is_youth != user.is_youth:
            raise Http404
        if member.answer == GroupAnswer.YES and yes:
            return group
        if yes and blocked_user_ids(user) & set(_yes_ids(group)):
            raise ValidationError(_("This group is not open to you."), code="blocked")
        member.answer = GroupAnswer.YES if yes else GroupAnswer.NO
        member.answered_at = clock.now()
        member.save(update_fields=["answer", "answered_at"])
        if group.started_at is None and len(_yes_ids(group)) >= GROUP_MIN:
            group.started_at = clock.now()
            group.save(update_fields=["started_at"])
    return group


# The group conversation ----------------------------------------------------------------


def get_group_for_member(user: User, pk: int) -> SmallGroup:
    """A started group `user` said yes to, or 404."""
    group = SmallGroup.objects.filter(
        pk=pk, started_at__isnull=False, is_youth=user.is_youth
    ).first()
    if group is None or user.pk not in _yes_ids(group):
        raise Http404
    return group


def group_members(group: SmallGroup, reader: User) -> list[User]:
    """Who is in the group, as `reader` sees it: never someone on either side of a block."""
    hidden = blocked_user_ids(reader)
    return [
        user
        for user in User.objects.filter(pk__in=_yes_ids(group)).order_by("display_name", "pk")
        if user.pk not in hidden and user.is_youth == group.is_youth
    ]


def messages_for(group: SmallGroup, reader: User) -> list[GroupMessage]:
    """The group's messages `reader` may read: none from someone on either side of a block;
    a message hidden by moderation keeps its place without its text."""
    hidden = blocked_user_ids(reader)
    return list(
        group.messages.exclude(sender_id__in=hidden)
        .select_related("sender")
        .order_by("created_at", "pk")
    )


def ready_replies() -> list[tuple[str, str]]:
    return [(key, str(text)) for key, text in GROUP_READY_REPLIES.items()]


def send_group_message(
    *, sender: User, group: SmallGroup, body: str = "", ready: str = ""
) -> GroupMessage:
    """Write to the group: a message of one's own, or a ready-made reply."""
    group = get_group_for_member(sender, group.pk)
    if ready:
        if ready not in GROUP_READY_REPLIES:
            raise ValidationError(_("Choose one of the ready-made replies."), code="ready")
        body = str(GROUP_READY_REPLIES[ready])
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError(_("Write a message before you send it."), code="empty")
    if len(body) > MAX_BODY:
        raise ValidationError(
            _("A message can be at most %(max)s characters. Yours has %(count)s.")
            % {"max": MAX_BODY, "count": len(body)},
            code="too_long",
        )
    limits.hit("message", sender.pk)  # RateLimited: a polite message on the page
    return GroupMessage.objects.create(
        group=group,
        sender=sender,
        body=body,
        is_ready_made=bool(ready),
        created_at=clock.now(),
    )


def get_reportable_group_message(reporter: User, group: SmallGroup, pk: int) -> GroupMessage:
    """A message of someone else in a group `reporter` is in, or 404."""
    message = GroupMessage.objects.filter(pk=pk, group=group).exclude(sender=reporter).first()
    if message is None:
        raise Http404
    return message


def leave_groups_of_space(*, user: User, youth: bool, now: datetime.datetime) -> int:
    """Take someone who has left a space (turned 18, or whose verified birth date puts them
    on the other side of 18) out of every group and offer of that space (`youth`: the youth
    space's). Returns how many they left."""
    return (
        SmallGroupMember.objects.filter(user=user, group__is_youth=youth)
        .exclude(answer=GroupAnswer.NO)
        .update(answer=GroupAnswer.NO, answered_at=now)
    )
