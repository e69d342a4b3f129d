"""Personal data in safety: blocks, reports made, notices, appeals, moderation decisions.
Decisions about a person and reports about them are kept on erasure (append-only records of
moderation); the person's own reports lose their name, their blocks and notices go."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.safety.models import Appeal, Block, ModerationAction, Notice, Report, YouthTransition

PERSONAL_DATA_MODELS = [Block, Report, ModerationAction, Notice, Appeal, YouthTransition]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Blocks, the reports you made, moderators' decisions, notices and appeals.")
PURPOSE = _("To keep Belong safe, and to protect minors.")


def export(user) -> dict:
    return {
        "blocked": rows(Block.objects.filter(blocker=user), "blocked__display_name", "created_at"),
        "reports_made": rows(
            Report.objects.filter(reporter=user), "target", "reason", "details", "created_at"
        ),
        "decisions_about_me": rows(
            ModerationAction.objects.filter(subject=user), "kind", "reason", "until", "created_at"
        ),
        "notices": rows(Notice.objects.filter(user=user), "kind", "created_at", "read_at"),
        "appeals": rows(Appeal.objects.filter(user=user), "text", "status", "created_at"),
    }


def erase(user) -> None:
    Block.objects.filter(blocker=user).delete()
    Block.objects.filter(blocked=user).delete()
    Report.objects.filter(reporter=user).update(reporter=None, details="")
    Notice.objects.filter(user=user).delete()
    YouthTransition.objects.filter(user=user).delete()
