"""Messages in a small group can be reported by the other members (moderation finds this
through `REPORT_TARGETS`)."""

from __future__ import annotations

from django.http import Http404

from belong.matching.models import GroupAnswer, GroupMessage, SmallGroupMember


class GroupMessageTarget:
    # Report.target holds at most 10 characters.
    name = "groupmsg"
    can_hide = True
    # Its text is private: a moderator reads it only from the report, and the read is logged.
    is_private_message = True

    def get(self, pk):
        return GroupMessage.objects.select_related("sender").filter(pk=pk).first()

    def person(self, obj):
        return obj.sender

    def check_reporter(self, reporter, obj) -> None:
        # Only another member of the group who said yes can report it.
        member = SmallGroupMember.objects.filter(
            group_id=obj.group_id, user=reporter, answer=GroupAnswer.YES
        ).exists()
        if not member or obj.sender_id == reporter.pk:
            raise Http404

    def is_hidden(self, pk) -> bool:
        return GroupMessage.objects.filter(pk=pk, hidden_at__isnull=False).exists()

    def hide(self, pk, *, now) -> None:
        GroupMessage.objects.filter(pk=pk, hidden_at__isnull=True).update(hidden_at=now)

    def unhide(self, pk, *, now) -> None:
        GroupMessage.objects.filter(pk=pk).update(hidden_at=None)


REPORT_TARGETS = [GroupMessageTarget()]
