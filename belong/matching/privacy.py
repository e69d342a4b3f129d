"""Personal data in matching: the person's life situation and the suggestions they hid."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.matching.models import (
    GroupMessage,
    HiddenSuggestion,
    LifeSituation,
    SmallGroupMember,
    StoredSuggestions,
    mask_to_situations,
)

PERSONAL_DATA_MODELS = [
    LifeSituation,
    HiddenSuggestion,
    StoredSuggestions,
    SmallGroupMember,
    GroupMessage,
]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _("Your life situation and the suggestions you chose to hide.")
PURPOSE = _("To suggest people you might like to meet, with the reasons.")


def export(user) -> dict:
    row = LifeSituation.objects.filter(user=user).first()
    return {
        "life_situation": {
            "situations": mask_to_situations(row.situation_mask) if row else [],
            "shown_to_others": mask_to_situations(row.shown_mask) if row else [],
        },
        "hidden_suggestions": rows(
            HiddenSuggestion.objects.filter(viewer=user), "post", "hidden_at"
        ),
        "stored_suggestions": rows(
            StoredSuggestions.objects.filter(viewer=user), "post_ids", "computed_at"
        ),
        "small_groups": rows(
            SmallGroupMember.objects.filter(user=user), "group", "answer", "answered_at"
        ),
        "small_group_messages": rows(
            GroupMessage.objects.filter(sender=user), "group", "body", "created_at"
        ),
    }


def erase(user) -> None:
    LifeSituation.objects.filter(user=user).delete()
    HiddenSuggestion.objects.filter(viewer=user).delete()
    StoredSuggestions.objects.filter(viewer=user).delete()
    SmallGroupMember.objects.filter(user=user).delete()
    GroupMessage.objects.filter(sender=user).delete()
