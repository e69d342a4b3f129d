"""Background work for support: e-mailing a facilitator's message to the citizen."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from belong.support.models import SupportNote


@task()
def send_support_note_email(note_id: int) -> bool:
    note = (
        SupportNote.objects.select_related("request__citizen", "request__municipality")
        .filter(pk=note_id, to_citizen=True)
        .first()
    )
    if note is None or not note.request.citizen.email:
        return False
    citizen = note.request.citizen
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "note": note,
            "citizen": citizen,
            "municipality": note.request.municipality,
            "url": settings.BELONG_BASE_URL.rstrip("/")
            + reverse("support_request_detail", args=[note.request.pk]),
        }
        subject = render_to_string("support/email/note_subject.txt", context)
        body = render_to_string("support/email/note.txt", context)
    send_mail(" ".join(subject.split()), body, None, [citizen.email or ""])
    return True
