"""Staff pages shared by every role: the staff front page."""

from __future__ import annotations

from django.shortcuts import render

from belong.municipalities.access import staff_required
from belong.municipalities.models import StaffRole


@staff_required()
def staff_home(request):
    roles = (
        StaffRole.objects.filter(user=request.user)
        .select_related("municipality")
        .order_by("municipality__name", "role")
    )
    by_municipality: dict = {}
    for staff_role in roles:
        by_municipality.setdefault(staff_role.municipality, []).append(staff_role)
    return render(
        request,
        "municipalities/staff_home.html",
        {"by_municipality": by_municipality},
    )
