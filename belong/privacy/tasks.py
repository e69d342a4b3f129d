"""The daily erasure of accounts whose grace period has passed, run by `belong tick`."""

from __future__ import annotations

from django_tasks import task


@task()
def erase_due_accounts() -> int:
    from belong.privacy.services import erase_due

    return erase_due()


@task()
def apply_retention() -> dict[str, int]:
    from belong.privacy.retention import apply_retention as apply

    return apply()


@task()
def send_inactivity_warning(user_id: int) -> bool:
    """The one e-mail before an inactive account is erased (none without an address)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from belong.core.links import absolute_url
    from belong.privacy.models import InactivityWarning

    warning = InactivityWarning.objects.select_related("user").filter(user_id=user_id).first()
    if warning is None or not warning.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": warning.user,
            "warning": warning,
            "login_url": absolute_url(reverse("account_login")),
            "my_data_url": absolute_url(reverse("my_data")),
        }
        subject = render_to_string("privacy/email/inactivity_warning_subject.txt", context)
        body = render_to_string("privacy/email/inactivity_warning.txt", context)
    send_mail(" ".join(subject.split()), body, None, [warning.user.email])
    return True


@task()
def build_data_export(export_id: int) -> bool:
    """Build a citizen's zip, then tell them by e-mail (the profile shows it too)."""
    from belong.privacy.exports import build_export

    built = build_export(export_id)
    if built:
        send_export_ready.enqueue(export_id)
    return built


@task()
def send_export_ready(export_id: int) -> bool:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from belong.core.links import absolute_url
    from belong.privacy.models import DataExport

    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.READY or not export.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": export.user,
            "export": export,
            "download_url": absolute_url(reverse("my_data_export", args=[export.pk])),
        }
        subject = render_to_string("privacy/email/export_ready_subject.txt", context)
        body = render_to_string("privacy/email/export_ready.txt", context)
    send_mail(" ".join(subject.split()), body, None, [export.user.email])
    return True
