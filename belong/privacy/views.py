"""My data: what Belong keeps about me, and the zip with all of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

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
