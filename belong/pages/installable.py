"""Belong as an installable web app: the manifest, a small service worker and the kind page
it shows offline. The worker keeps only the offline page and the stylesheet, never a
person's pages, so nothing private is left on a shared phone or computer."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Bump when the offline page or what the worker keeps changes: old caches are then removed.
CACHE_NAME = "belong-offline-v1"


@require_GET
def manifest(request):
    data = {
        "name": "Belong",
        "short_name": "Belong",
        "description": _("Find friends, activity partners and communities where you live."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [
            {
                "src": static("belong/favicon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
def service_worker(request):
    body = render(
        request,
        "core/service_worker.js",
        {
            "cache_name": CACHE_NAME,
            "offline_url": reverse("offline"),
            "keep": [reverse("offline"), static("belong/belong.css")],
        },
    ).content
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on each visit; never a stale one.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request):
    """The same for everyone (no name, no menu, no token), so it may be kept on the device."""
    return render(request, "core/offline.html")
