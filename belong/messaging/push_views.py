"""Pages for Web Push: a device turns notices on (its browser's subscription) or off."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from belong.messaging import push


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


@require_POST
@login_required
def push_on(request):
    data = _body(request)
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    try:
        push.subscribe(
            user=request.user,
            endpoint=str(data.get("endpoint") or ""),
            p256dh=str(keys.get("p256dh") or ""),
            auth=str(keys.get("auth") or ""),
        )
    except ValidationError as error:
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=400)
    return JsonResponse({"ok": True})


@require_POST
@login_required
def push_off(request):
    push.unsubscribe(user=request.user, endpoint=str(_body(request).get("endpoint") or ""))
    return JsonResponse({"ok": True})
