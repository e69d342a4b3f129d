"""Figures about first contacts, answers, meetings and check-ins for a municipality's
statistics, by the municipality of the post that was answered. A first contact belongs to
the month it was made in; whether it was answered is read as of the rollup, so a month's
answer shares settle once its last contacts are a week old."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from belong.core.figures import counts_by, median_minutes_by
from belong.messaging.models import (
    CheckIn,
    Conversation,
    ConversationStatus,
    HowItFelt,
    MeetAgain,
    Meeting,
    MeetingStatus,
)

POST_PLACE = "post__municipality_id"


def _first_contacts(start, end):
    return Conversation.objects.filter(created_at__gte=start, created_at__lt=end)


class Conversations:
    name = "conversations"
    label = _("First contacts")

    def count(self, municipality) -> int:
        return Conversation.objects.filter(post__municipality=municipality).count()

    def count_in(self, municipality, start, end) -> int:
        """First contacts made in [start, end)."""
        return self.count_by_municipality(start, end).get(municipality.pk, 0)

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_first_contacts(start, end), POST_PLACE)


class AnsweredWithin:
    """First contacts of the month that the post's author answered within `hours`."""

    def __init__(self, name: str, label, hours: int):
        self.name, self.label = name, label
        self.within = datetime.timedelta(hours=hours)

    def count_by_municipality(self, start, end) -> dict[int, int]:
        answered = _first_contacts(start, end).filter(
            answered_at__isnull=False, answered_at__lte=F("created_at") + self.within
        )
        return counts_by(answered, POST_PLACE)


class ClosedKindly:
    name = "first_contacts_closed_kindly"
    label = _("First contacts ended with a kind answer")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        kind = _first_contacts(start, end).filter(status=ConversationStatus.DECLINED)
        return counts_by(kind, POST_PLACE)


class FirstRepliesCounted:
    """The n behind the median time to the first reply: the month's answered first contacts."""

    name = "first_reply_n"
    label = _("Answered first contacts")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        return counts_by(_first_contacts(start, end).filter(answered_at__isnull=False), POST_PLACE)


class FirstReplyMedian:
    name = "first_reply_median_minutes"
    label = _("Median time to the first reply (minutes)")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        rows = (
            _first_contacts(start, end)
            .filter(answered_at__isnull=False)
            .order_by()
            .values_list(POST_PLACE, "created_at", "answered_at")
        )
        return median_minutes_by(rows.iterator(chunk_size=5000))


class PostsWithContact:
    """Posts first published in the month that got at least one first contact (so far)."""

    name = "posts_with_contact"
    label = _("Posts that got at least one contact")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        contacted = Conversation.objects.filter(
            post__published_at__gte=start, post__published_at__lt=end
        )
        return counts_by(contacted, POST_PLACE, distinct="post")


class MeetingsAgreed:
    name = "meetings_agreed"
    label = _("Meetings agreed")

    def count_by_municipality(self, start, end) -> dict[int, int]:
        agreed = Meeting.objects.filter(
            status=MeetingStatus.ACCEPTED, answered_at__gte=start, answered_at__lt=end
        )
        return counts_by(agreed, "conversation__" + POST_PLACE)


class CheckIns:
    """After-meeting check-ins answered in the month (`met`/`meet_again` narrow them)."""

    def __init__(self, name: str, label, **only):
        self.name, self.label, self.only = name, label, only

    def count_by_municipality(self, start, end) -> dict[int, int]:
        answered = CheckIn.objects.filter(answered_at__gte=start, answered_at__lt=end, **self.only)
        return counts_by(answered, "meeting__conversation__" + POST_PLACE)


STATISTICS = [
    Conversations(),
    AnsweredWithin("first_contacts_answered_72h", _("Answered within 72 hours"), 72),
    AnsweredWithin("first_contacts_answered_7d", _("Answered within 7 days"), 24 * 7),
    ClosedKindly(),
    FirstRepliesCounted(),
    FirstReplyMedian(),
    PostsWithContact(),
    MeetingsAgreed(),
    CheckIns("checkins", _("After-meeting check-ins")),
    CheckIns("checkins_met", _("Check-ins: we met"), met=True),
    CheckIns("checkins_meet_again", _("Check-ins: would meet again"), meet_again=MeetAgain.YES),
    # How it felt: only the count, never whose, and never shown to the other person.
    CheckIns(
        "meetings_felt_good", _("Meetings that felt good"), met=True, felt__gte=HowItFelt.GOOD
    ),
]
