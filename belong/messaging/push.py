"""Web Push for new messages: opt-in per device, off in one tap. A lock screen only ever
reads "Du har en ny besked på Belong": the payload carries no name, no text, no link to a
person. E-mail stays the fallback, so a failed push loses nothing."""

from __future__ import annotations

import base64
import binascii
import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from belong.accounts.models import User
from belong.core import clock
from belong.messaging.models import PushSubscription

logger = logging.getLogger(__name__)

LOCK_SCREEN_TEXT = gettext_lazy("You have a new message on Belong")
# Hosts a push service may be on without https: this machine, for tests and development.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def push_enabled() -> bool:
    return bool(settings.BELONG_VAPID_PUBLIC_KEY and settings.BELONG_VAPID_PRIVATE_KEY)


def _key(value: str, *, size: int) -> str:
    """A browser's base64url key of exactly `size` bytes, or a ValidationError."""
    value = (value or "").strip()
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise ValidationError(_("This device could not be set up for notices. Please try again."))
    return value


def subscribe(*, user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Turn push on for one device (the browser's subscription)."""
    parts = urlsplit(endpoint or "")
    local = parts.hostname in LOCAL_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValidationError(_("This device could not be set up for notices. Please try again."))
    if len(endpoint) > 1000:
        raise ValidationError(_("This device could not be set up for notices. Please try again."))
    fields = {"p256dh": _key(p256dh, size=65), "auth": _key(auth, size=16)}
    row, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "created_at": clock.now(), **fields}
    )
    return row


def unsubscribe(*, user: User, endpoint: str) -> int:
    """Off in one tap: forget this device."""
    deleted, _rows = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted


def has_push(user: User) -> bool:
    return PushSubscription.objects.filter(user=user).exists()


def push_after_commit(recipient_id: int) -> None:
    if push_enabled():
        transaction.on_commit(lambda: send_push.enqueue(recipient_id))


def payload() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return json.dumps({"body": str(LOCK_SCREEN_TEXT)}, ensure_ascii=False)


def push_to(user_id: int) -> int:
    """Send the one lock-screen sentence to each of the person's devices. A device the push
    service no longer knows (404, 410) is forgotten; any other failure is logged, and the
    e-mail still goes."""
    from pywebpush import WebPushException, webpush  # type: ignore[import-untyped]

    sent = 0
    data = payload()
    for row in PushSubscription.objects.filter(user_id=user_id):
        parts = urlsplit(row.endpoint)
        try:
            webpush(
                subscription_info={
                    "endpoint": row.endpoint,
                    "keys": {"p256dh": row.p256dh, "auth": row.auth},
                },
                data=data,
                vapid_private_key=settings.BELONG_VAPID_PRIVATE_KEY,
                vapid_claims={
                    "sub": settings.BELONG_VAPID_SUBJECT,
                    "aud": f"{parts.scheme}://{parts.netloc}",
                },
                ttl=24 * 3600,
                timeout=10,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in (404, 410):
                row.delete()
            else:
                logger.warning("Web Push to subscription %s failed: %s", row.pk, status)
            continue
        except Exception:  # a push service down must never break sending a message
            logger.warning("Web Push to subscription %s failed", row.pk, exc_info=True)
            continue
        sent += 1
    return sent


@task()
def send_push(user_id: int) -> int:
    return push_to(user_id)
