"""Background work for moderation: notices by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from belong.safety.models import Notice


@task()
def send_notice_email(notice_id: int) -> bool:
    notice = Notice.objects.select_related("user", "action").filter(pk=notice_id).first()
    if notice is None or not notice.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notice": notice,
            "action": notice.action,
            "user": notice.user,
            "notice_url": settings.BELONG_BASE_URL.rstrip("/")
            + reverse("notice_detail", args=[notice.pk]),
        }
        subject = render_to_string("safety/email/notice_subject.txt", context)
        body = render_to_string("safety/email/notice.txt", context)
    send_mail(" ".join(subject.split()), body, None, [notice.user.email])
    return True
