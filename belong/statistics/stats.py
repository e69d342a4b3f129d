"""Figures that read several domains at once, so they live with the orchestrator: a member
is active in a month when they published a post, wrote a message or signed up for an
activity in it."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from belong.accounts.models import User
from belong.activities.models import SignUp
from belong.core.figures import counts_by
from belong.messaging.models import Message
from belong.posts.models import Post


class ActiveMembers:
    name = "active_members"
    label = _("Active members")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        posted = Post.objects.filter(published_at__gte=start, published_at__lt=end)
        wrote = Message.objects.filter(
            created_at__gte=start, created_at__lt=end, sender__isnull=False
        )
        signed_up = SignUp.objects.filter(queued_at__gte=start, queued_at__lt=end)
        active = User.objects.filter(is_staff=False, is_active=True).filter(
            Q(pk__in=posted.values("author_id"))
            | Q(pk__in=wrote.values("sender_id"))
            | Q(pk__in=signed_up.values("user_id"))
        )
        return counts_by(active, "postcode__municipality_id")


STATISTICS = [ActiveMembers()]
