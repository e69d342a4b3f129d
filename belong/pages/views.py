"""The pages that belong to no single domain: front page, about, accessibility, health."""

import copy
import sys

from django.contrib import messages
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

from belong.core.small_counts import SMALL_COUNT, suppress_small
from belong.pages.overview import overview_for
from belong.places.forms import PlaceCheckForm
from belong.places.models import Municipality, Postcode


@require_GET
def home(request):
    if request.user.is_authenticated:
        return render(request, "core/overview.html", {"overview": overview_for(request.user)})
    licensed = list(
        Municipality.objects.licensed()
        .select_related("region")
        .annotate(
            members=Count(
                "postcodes__residents",
                filter=Q(postcodes__residents__is_active=True),
            )
        )
        .order_by("name")
    )
    total = sum(m.members for m in licensed)
    for municipality in licensed:
        municipality.members_shown = suppress_small(municipality.members)
    return render(
        request,
        "core/home.html",
        {
            "licensed_municipalities": licensed,
            "members_total": suppress_small(total),
            "small_count": SMALL_COUNT,
            "place_form": PlaceCheckForm(),
        },
    )


COORDINATE_SOURCES = {
    "csc-postcode-centroid": _("Centre of the postcode area"),
    "geonames-town": _("Town of the same name (GeoNames)"),
    "municipality-largest-town": _("Largest town in the municipality (GeoNames)"),
    "import": _("Imported by the operator"),
}


@require_GET
def about(request):
    sources = Postcode.objects.values("coordinate_source").annotate(n=Count("id")).order_by("-n")
    return render(
        request,
        "core/about.html",
        {
            "municipality_count": Municipality.objects.count(),
            "postcode_count": Postcode.objects.count(),
            "coordinate_sources": [
                {
                    **row,
                    "label": COORDINATE_SOURCES.get(
                        row["coordinate_source"], row["coordinate_source"]
                    ),
                }
                for row in sources
            ],
        },
    )


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": type(error).__name__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})


# Sign-up and login pages whose form comes back, filled in, when allauth's rate limit stops
# a submission: nothing typed is lost (passwords excepted, which are never sent back).
# Sign-up comes back as a bound form (its fields, the birth date's parts too, keep their
# values; it validates without side effects); the login forms would try to log in when
# validated, so they come back with what was typed as initial values.
FORM_PAGES_AFTER_LIMIT = {
    "account_signup": "bound",
    "account_login": "initial",
    "account_request_login_code": "initial",
}


# What a 429 tells a browser or app to wait when the exact wait is not known: "a few minutes".
RETRY_AFTER_SECONDS = 300


def rate_limited(request, exception=None, *, message=None, retry_after=RETRY_AFTER_SECONDS):
    """Django's answer when allauth's limits (sign-up, login, login codes...) are passed:
    the same page again with what was typed, and a polite message, status 429 with
    Retry-After."""
    message = message or _(
        "You have tried this many times in a short while. Please wait a few minutes and try again."
    )
    match = resolve(request.path_info)
    view_class = getattr(match.func, "view_class", None)
    if request.method == "POST" and match.url_name in FORM_PAGES_AFTER_LIMIT and view_class:
        typed = request.POST.copy()
        for name in list(typed):
            if name == "csrfmiddlewaretoken" or "password" in name:
                del typed[name]
        as_get = copy.copy(request)
        as_get.method = "GET"
        view = view_class()
        view.setup(as_get, *match.args, **match.kwargs)
        if FORM_PAGES_AFTER_LIMIT[match.url_name] == "bound":
            form_kwargs = view.get_form_kwargs
            view.get_form_kwargs = lambda: {**form_kwargs(), "data": typed}
        else:
            view.get_initial = lambda: typed.dict()
        messages.error(request, message)
        response = view.get(as_get, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        response.status_code = 429
        response["Retry-After"] = str(retry_after)
        return response
    response = render(request, "core/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


HELP_PAGES = {"godt-opslag", "skriv-foerst", "intet-svar", "tryghed"}


@require_GET
def help_page(request, slug: str):
    if slug not in HELP_PAGES:
        raise Http404
    return render(request, f"core/help/{slug}.html")


# Seconds a browser or client is asked to wait when the database is away.
TRY_AGAIN_SECONDS = 10


def server_error(request):
    """Django's answer to an uncaught error. When the database is away (restarting, failed
    over, its disk full) the person gets a polite "try again" with 503 and Retry-After, on a
    page that reads nothing from the database; any other error is Django's plain 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        from django.http import HttpResponse

        response = HttpResponse(render_to_string("core/try_again.html"), status=503)
        response["Retry-After"] = str(TRY_AGAIN_SECONDS)
        return response
    return django_server_error(request)
