"""The accessibility statement a signed-in citizen's footer links to: their municipality's
own, when it has one. Every page shows the link, and looking it up cost two queries (the
postcode, then its municipality) on each page that had no other use for them, so each
process keeps what it found for a minute. A municipality that changes its statement sees
the change here at once and in other processes within that minute."""

from __future__ import annotations

import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from belong.places.models import Municipality, Postcode

KEPT_SECONDS = 60

_known: dict[int, tuple[float, str]] = {}
_lock = threading.Lock()


def statement_url_for_postcode(postcode_id: int) -> str:
    """The statement URL of the municipality the postcode lies in ("" for none)."""
    now = time.monotonic()
    found = _known.get(postcode_id)
    if found is not None and found[0] > now:
        return found[1]
    url = (
        Postcode.objects.filter(pk=postcode_id)
        .values_list("municipality__accessibility_statement_url", flat=True)
        .first()
    ) or ""
    with _lock:
        _known[postcode_id] = (now + KEPT_SECONDS, url)
    return url


@receiver(post_save, sender=Municipality, dispatch_uid="forget-statements-on-save")
@receiver(post_delete, sender=Municipality, dispatch_uid="forget-statements-on-delete")
def forget_statements(*args, **kwargs) -> None:
    """When a municipality is saved (its statement may have changed), and between tests."""
    with _lock:
        _known.clear()
