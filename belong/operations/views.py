"""Health for load balancers and operators: alive (the process answers) and ready (it can
serve: database, Redis, task queue, workers)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from belong.operations.health import readiness


@never_cache
@require_GET
def live(request):
    """The process answers; nothing else is asked, so a restart is only for a hung process."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    ok, checks = readiness()
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
