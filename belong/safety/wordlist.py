"""The word list: a post or first message holding a word from the author's municipality's
list is sent for review (a report a moderator looks at). The author is not stopped or told."""

from __future__ import annotations

import re

from belong.accounts.models import User
from belong.safety.models import ModerationSettings, Report, ReportReason, ReportStatus


def words_found(text: str, words: list[str]) -> list[str]:
    text = (text or "").lower()
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def flag_words(*, author: User, target: str, obj, text: str) -> Report | None:
    """Send a post or first message for review when it holds a word from the author's
    municipality's word list. The author is not stopped or told: a moderator looks."""
    municipality = author.municipality
    if municipality is None:
        return None
    settings = ModerationSettings.objects.filter(municipality=municipality).first()
    if settings is None or not settings.word_list.strip():
        return None
    found = words_found(text, settings.words)
    if not found:
        return None
    already = Report.objects.filter(
        target=target, target_id=obj.pk, reason=ReportReason.WORD_LIST, status=ReportStatus.OPEN
    )
    if already.exists():
        return None
    return Report.objects.create(
        reporter=None,
        reported=author,
        target=target,
        target_id=obj.pk,
        municipality=municipality,
        reason=ReportReason.WORD_LIST,
        details=", ".join(found)[:2000],
    )
