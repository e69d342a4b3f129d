"""Pages for support: the citizen asks and follows their request; facilitators work the queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from belong.core.limits import RateLimited
from belong.municipalities.access import staff_required
from belong.support import first_response, services
from belong.support.forms import SupportCloseForm, SupportNoteForm, SupportRequestForm

FACILITATOR = services.FACILITATOR


@login_required
def support_home(request):
    """ "I would like support": the form, or the open request's status when one waits."""
    form = SupportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support_request = services.request_support(
                citizen=request.user,
                kind=data["kind"],
                contact=data["contact"],
                phone=data["phone"],
                message=data["message"],
            )
        except (services.SupportRefused, RateLimited) as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("Thank you. A facilitator from your municipality will contact you.")
            )
            return redirect("support_request_detail", support_request.pk)
    return render(
        request,
        "support/support_home.html",
        {
            "form": form,
            "open_request": services.open_request_of(request.user),
            "earlier": services.earlier_requests_of(request.user)[:10],
            "first_response_agreed": first_response.has_agreed(request.user),
        },
    )


@login_required
def support_request_detail(request, pk: int):
    support_request = services.get_support_request_for_citizen(request.user, pk)
    return render(
        request,
        "support/support_request.html",
        {
            "support_request": support_request,
            "notes": services.notes_for_citizen(support_request),
        },
    )


@require_POST
@login_required
def support_request_withdraw(request, pk: int):
    support_request = services.get_support_request_for_citizen(request.user, pk)
    services.withdraw(citizen=request.user, support_request=support_request)
    messages.success(request, _("Your request is withdrawn. You are welcome to ask again."))
    return redirect("support_request_detail", support_request.pk)


@staff_required(FACILITATOR)
def support_queue(request):
    show_all = request.GET.get("vis") == "alle"
    queue = services.support_queue_for(request.user)
    if not show_all:
        queue = queue.open()
    queue = queue.order_by("-status", "created_at")
    page = Paginator(queue, 50).get_page(request.GET.get("side"))
    return render(request, "support/queue.html", {"page": page, "show_all": show_all})


def _staff_page(request, support_request, *, note_form=None, close_form=None, status=200):
    services.open_support_request(staff=request.user, support_request=support_request)
    return render(
        request,
        "support/staff_detail.html",
        {
            "support_request": support_request,
            "notes": support_request.notes.select_related("author"),
            "note_form": note_form or SupportNoteForm(),
            "close_form": close_form or SupportCloseForm(),
        },
        status=status,
    )


@staff_required(FACILITATOR)
def support_staff_detail(request, pk: int):
    support_request = services.get_support_request_for_staff(request.user, pk)
    return _staff_page(request, support_request)


@require_POST
@staff_required(FACILITATOR)
def support_assign(request, pk: int):
    support_request = services.get_support_request_for_staff(request.user, pk)
    try:
        services.assign(staff=request.user, support_request=support_request)
    except services.SupportRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The request is yours now."))
    return redirect("support_staff_detail", support_request.pk)


@require_POST
@staff_required(FACILITATOR)
def support_note(request, pk: int):
    support_request = services.get_support_request_for_staff(request.user, pk)
    form = SupportNoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                staff=request.user,
                support_request=support_request,
                body=form.cleaned_data["body"],
                to_citizen=form.cleaned_data["to_citizen"],
            )
        except services.SupportRefused as refused:
            form.add_error(None, refused.message)
        else:
            if form.cleaned_data["to_citizen"]:
                messages.success(request, _("Your message is sent to the citizen."))
            else:
                messages.success(request, _("The note is saved."))
            return redirect("support_staff_detail", support_request.pk)
    return _staff_page(request, support_request, note_form=form, status=400)


@require_POST
@staff_required(FACILITATOR)
def support_close(request, pk: int):
    support_request = services.get_support_request_for_staff(request.user, pk)
    form = SupportCloseForm(request.POST)
    if form.is_valid():
        try:
            services.close(
                staff=request.user,
                support_request=support_request,
                outcome=form.cleaned_data["outcome"],
            )
        except services.SupportRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The request is closed. Thank you."))
            return redirect("support_queue")
    return _staff_page(request, support_request, close_form=form, status=400)
