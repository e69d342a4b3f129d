"""Messages can be reported, by the person they were written to (moderation finds this
through `REPORT_TARGETS`)."""

from __future__ import annotations

from django.http import Http404

from belong.messaging.models import Message


class MessageTarget:
    name = "message"
    can_hide = True
    # Its text is private: a moderator reads it only from the report, and the read is logged.
    is_private_message = True

    def get(self, pk):
        return Message.objects.filter(pk=pk).first()

    def person(self, obj):
        return obj.sender

    def check_reporter(self, reporter, obj) -> None:
        if obj.recipient_id != reporter.pk:
            # Only the person a message was written to can report it.
            raise Http404

    def is_hidden(self, pk) -> bool:
        return Message.objects.filter(pk=pk, hidden_at__isnull=False).exists()

    def hide(self, pk, *, now) -> None:
        Message.objects.filter(pk=pk, hidden_at__isnull=True).update(hidden_at=now)

    def unhide(self, pk, *, now) -> None:
        Message.objects.filter(pk=pk).update(hidden_at=None)


REPORT_TARGETS = [MessageTarget()]
