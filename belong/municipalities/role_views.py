"""The administrators' page of staff roles in their own municipality."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from belong.municipalities import services
from belong.municipalities.access import staff_required
from belong.municipalities.forms import GrantRoleForm
from belong.municipalities.models import StaffRole, StaffRoleChange

ADMINISTRATOR = StaffRole.Role.ADMINISTRATOR
LOG_PAGE_SIZE = 50


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def staff_roles(request, pk: int):
    municipality = services.administered_municipality(request.user, pk)
    form = GrantRoleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.grant_role_as_administrator(
                    administrator=request.user,
                    municipality=municipality,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The role has been given."))
                return redirect("staff_roles", pk)
        status = 400
    roles = list(
        StaffRole.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("user__display_name", "user_id", "role")
    )
    log = list(
        StaffRoleChange.objects.filter(municipality=municipality).select_related(
            "user", "changed_by"
        )[:LOG_PAGE_SIZE]
    )
    return render(
        request,
        "municipalities/staff/staff_roles.html",
        {"municipality": municipality, "roles": roles, "log": log, "form": form},
        status=status,
    )


@require_POST
@staff_required(ADMINISTRATOR)
def staff_role_remove(request, pk: int):
    staff_role = services.get_staff_role_for_administrator(request.user, pk)
    municipality_pk = staff_role.municipality_id
    try:
        services.remove_role_as_administrator(administrator=request.user, staff_role=staff_role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role has been taken away."))
    return redirect("staff_roles", municipality_pk)
