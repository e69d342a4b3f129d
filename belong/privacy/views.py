"""My data: what Belong keeps about me, the zip with all of it (at once, or prepared in the
background for much data), and "Slet min konto"."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.core import clock
from belong.privacy import exports, services
from belong.privacy.export import build_export_zip, export_filename


@login_required
@require_GET
def my_data(request):
    export = exports.latest_export(request.user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "export": export,
            "export_expired": export is not None and export.is_expired(clock.now()),
            "link_days": settings.BELONG_EXPORT_LINK_DAYS,
        },
    )


@login_required
@require_GET
def my_data_download(request):
    response = HttpResponse(build_export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(request.user)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def my_data_prepare(request):
    """Prepare the zip in the background; the citizen is told by e-mail and on the page."""
    exports.request_export(user=request.user)
    messages.success(
        request,
        _(
            "We are preparing your data. When it is ready, we send you an e-mail, and you "
            "can download it here."
        ),
    )
    return redirect("my_data")


@login_required
@require_GET
def my_data_export(request, pk: int):
    """The prepared zip, for its owner only; an expired link gets a kind page instead."""
    export = exports.get_export_for_user(request.user, pk)
    try:
        handle = exports.open_export(export)
    except exports.ExportExpired:
        return render(request, "privacy/export_expired.html", {"export": export}, status=410)
    except exports.ExportNotReady:
        return render(request, "privacy/export_not_ready.html", {"export": export}, status=409)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"belong-mine-data-{export.ready_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
def delete_account(request):
    """Asks for a fresh login first (allauth), then for a clear yes."""
    if request.method == "POST":
        erasure = services.request_erasure(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Your account will be deleted on %(date)s. If you change your mind, just log "
                "in before then, and nothing is deleted."
            )
            % {"date": erasure.erase_after.date().strftime("%d.%m.%Y")},
        )
        return redirect("home")
    return render(request, "privacy/delete_account.html")
