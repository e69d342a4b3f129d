"""Personal data in the municipality's tools: a person's newsletter consents (and their
withdrawals), the copies of newsletters sent to them, and their help requests. Erased in
full; the staff-role log keeps its rows, with the person left out."""

from __future__ import annotations

import datetime

from belong.municipalities.models import HelpRequest, NewsletterConsent, NewsletterDelivery

PERSONAL_DATA_MODELS = [NewsletterConsent, NewsletterDelivery, HelpRequest]


def _rows(queryset, *fields) -> list[dict]:
    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    return [{k: plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def export(user) -> dict:
    return {
        "newsletter_consents": _rows(
            NewsletterConsent.objects.filter(user=user).order_by("given_at", "pk"),
            "wording",
            "version",
            "language",
            "given_at",
            "given_via",
            "withdrawn_at",
            "withdrawn_via",
        ),
        "newsletters_received": _rows(
            NewsletterDelivery.objects.filter(user=user, sent_at__isnull=False).order_by("sent_at"),
            "newsletter__municipality__name",
            "newsletter__month",
            "language",
            "sent_at",
        ),
        "help_requests": _rows(
            HelpRequest.objects.filter(citizen=user).order_by("created_at"),
            "municipality__name",
            "contact",
            "email",
            "phone",
            "description",
            "created_at",
            "handled_at",
        ),
    }


def erase(user) -> None:
    NewsletterDelivery.objects.filter(user=user).delete()
    NewsletterConsent.objects.filter(user=user).delete()
    HelpRequest.objects.filter(citizen=user).delete()
