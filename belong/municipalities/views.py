"""Staff pages and the citizen's way to the municipality's IT support."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from belong.core.limits import RateLimited, address_key
from belong.municipalities import help as help_service
from belong.municipalities.access import staff_required
from belong.municipalities.forms import HelpRequestForm
from belong.municipalities.models import StaffRole


@staff_required()
def staff_home(request):
    roles = (
        StaffRole.objects.filter(user=request.user)
        .select_related("municipality")
        .order_by("municipality__name", "role")
    )
    by_municipality: dict = {}
    held: set[str] = set()
    for staff_role in roles:
        by_municipality.setdefault(staff_role.municipality, []).append(staff_role)
        held.add(staff_role.role)
    superuser = request.user.is_superuser
    return render(
        request,
        "municipalities/staff_home.html",
        {
            "by_municipality": by_municipality,
            "is_it_supporter": superuser or StaffRole.Role.IT_SUPPORTER in held,
            "can_assist_signup": superuser
            or bool(held & {StaffRole.Role.IT_SUPPORTER, StaffRole.Role.FACILITATOR}),
        },
    )


def _limit_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return address_key(request)


def help_request(request):
    """ "Get help": anyone, signed in or not, asks the IT support to write or call."""
    form = HelpRequestForm(
        request.POST or None, user=request.user, municipality=request.GET.get("kommune")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            help_service.request_help(
                citizen=request.user,
                limit_key=_limit_key(request),
                municipality=data["municipality"],
                name=data["name"],
                contact=data["contact"],
                email=data["email"],
                phone=data["phone"],
                description=data["description"],
            )
        except RateLimited as limited:
            form.add_error(None, limited.message)
        else:
            return redirect("help_request_sent")
    return render(request, "municipalities/help_request.html", {"form": form})


def help_request_sent(request):
    return render(request, "municipalities/help_request_sent.html")


@staff_required(StaffRole.Role.IT_SUPPORTER)
def help_queue(request):
    show_handled = request.GET.get("vis") == "alle"
    queue = help_service.help_queue_for(request.user)
    if not show_handled:
        queue = queue.open()
    queue = queue.order_by("handled_at", "-created_at")
    page = Paginator(queue, 50).get_page(request.GET.get("side"))
    return render(
        request,
        "municipalities/help_queue.html",
        {"page": page, "show_handled": show_handled},
    )


@staff_required(StaffRole.Role.IT_SUPPORTER)
def help_request_detail(request, pk: int):
    help_request = help_service.get_help_request_for_staff(request.user, pk)
    help_service.open_help_request(staff=request.user, help_request=help_request)
    return render(
        request, "municipalities/help_request_detail.html", {"help_request": help_request}
    )


@require_POST
@staff_required(StaffRole.Role.IT_SUPPORTER)
def help_request_handled(request, pk: int):
    help_request = help_service.get_help_request_for_staff(request.user, pk)
    help_service.mark_handled(staff=request.user, help_request=help_request)
    messages.success(request, _("The request is marked as handled."))
    return redirect("help_queue")
