"""A person's profile can be reported (moderation finds this through `REPORT_TARGETS`). A
profile is never hidden by reports: a moderator warns, suspends or bans the person."""

from __future__ import annotations

from belong.accounts.models import User


class ProfileTarget:
    name = "profile"
    can_hide = False

    def get(self, pk):
        return User.objects.filter(pk=pk).first()

    def person(self, obj):
        return obj

    def check_reporter(self, reporter, obj) -> None:
        return None

    def is_hidden(self, pk) -> bool:
        return False

    def hide(self, pk, *, now) -> None:
        return None

    def unhide(self, pk, *, now) -> None:
        return None


REPORT_TARGETS = [ProfileTarget()]
