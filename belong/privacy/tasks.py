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
