"""Personal data in outcomes: a citizen's own questionnaire answers and the reminders they
were sent; a researcher's data agreements. Erasure deletes answers and reminders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from belong.core.personal_data import rows
from belong.outcomes.models import DataAgreement, Reminder, Response

PERSONAL_DATA_MODELS = [Response, Reminder, DataAgreement]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "If you said yes: your answers to the questionnaires on well-being and loneliness, and "
    "when we reminded you of them."
)
PURPOSE = _(
    "To see, in totals for many people at once, whether Belong helps people feel less "
    "alone. Nobody at the municipality sees your own answers."
)


def export(user) -> dict:
    return {
        "questionnaire_answers": rows(
            Response.objects.filter(user=user).order_by("answered_at", "pk"),
            "wave",
            "answered_at",
            "who5_items",
            "who5_raw",
            "ucla3_items",
            "ucla3_score",
            "unwanted_alone",
        ),
        "questionnaire_reminders": rows(
            Reminder.objects.filter(user=user).order_by("sent_at"), "wave", "sent_at"
        ),
        "data_agreements": rows(
            DataAgreement.objects.filter(researcher=user),
            "municipality__name",
            "reference",
            "starts_on",
            "ends_on",
        ),
    }


def erase(user) -> None:
    Response.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()
    DataAgreement.objects.filter(researcher=user).delete()
