"""My data: what Belong keeps about me, the zip with all of it, and "Slet min konto"."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from belong.privacy import services
from belong.privacy.export import build_export_zip, export_filename


@login_required
@require_GET
def my_data(request):
    return render(request, "privacy/my_data.html")


@login_required
@require_GET
def my_data_download(request):
    response = HttpResponse(build_export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(request.user)}"'
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
