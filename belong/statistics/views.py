"""The municipality's statistics dashboard and its CSV downloads, for its analysts and
administrators. Only rolled-up, disclosure-controlled figures are shown; each visit is
written to the staff-access log all the same, so the municipality sees who looked."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from belong.core.access_log import record_staff_access
from belong.municipalities.access import staff_required
from belong.municipalities.models import StaffRole
from belong.municipalities.services import municipalities_for
from belong.statistics import charts, dashboard

READERS = (StaffRole.Role.ANALYST, StaffRole.Role.ADMINISTRATOR)


def _municipality(request, pk: int):
    municipality = municipalities_for(request.user, *READERS).filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


# Twelve months of eleven tables and charts make a long page; compressed it stays small on a
# slow line. Nothing on it is a secret that stays the same from one response to the next (the
# CSRF token is masked afresh and the CSP nonce is new each time), so compression cannot
# leak one (BREACH).
@staff_required(*READERS)
@require_GET
@gzip_page
def statistics_dashboard(request, pk: int):
    municipality = _municipality(request, pk)
    record_staff_access(
        staff=request.user,
        subject=None,
        municipality=municipality,
        action="statistics",
        reason="the municipality's statistics dashboard",
    )
    tables = dashboard.build_tables(municipality)
    sections = [
        {"table": table, "svg": charts.render_svg(charts.bar_chart(table), table.figure_set.slug)}
        for table in tables
    ]
    return render(
        request,
        "statistics/dashboard.html",
        {
            "municipality": municipality,
            "sections": sections,
            "first_month": tables[0].rows[0].label,
            "last_month": tables[0].rows[-1].label,
        },
    )


@staff_required(*READERS)
@require_GET
def statistics_csv(request, pk: int, slug: str):
    municipality = _municipality(request, pk)
    if dashboard.figure_set(slug) is None:
        raise Http404
    table = dashboard.build_table(municipality, slug)
    record_staff_access(
        staff=request.user,
        subject=None,
        municipality=municipality,
        action=f"statistics_csv:{slug}",
        reason="the municipality's statistics dashboard",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="belong-{municipality.pk}-{slug}.csv"'
    writer = csv.writer(response)
    writer.writerows(dashboard.csv_rows(table))  # type: ignore[arg-type]
    return response
