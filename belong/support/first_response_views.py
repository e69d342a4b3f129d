"""Pages for the first human response: the citizen's consent, the facilitators' console and
the first warm message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from belong.municipalities.access import staff_required
from belong.municipalities.services import municipalities_for
from belong.support import first_response
from belong.support.forms import FirstResponseForm, NoContactDaysForm

FACILITATOR = first_response.FACILITATOR


@require_POST
@login_required
def first_response_consent(request):
    """Agree, or withdraw: one button either way, on the support page."""
    if request.POST.get("agree") == "1":
        first_response.agree(citizen=request.user)
        messages.success(
            request,
            _("Thank you. If nobody answers you, a facilitator from your municipality may write."),
        )
    else:
        first_response.withdraw_consent(citizen=request.user)
        messages.success(request, _("Done. No facilitator will write to you first."))
    return redirect("support_home")


def _console_page(request, *, days_form=None, status=200):
    municipalities = list(municipalities_for(request.user, FACILITATOR).order_by("name"))
    rows = first_response.open_console(staff=request.user)
    # A facilitator works in one or two municipalities: a handful of small queries at most.
    settings_rows = [(m, first_response.no_contact_days(m)) for m in municipalities[:5]]
    return render(
        request,
        "support/first_response_console.html",
        {
            "rows": rows,
            "settings_rows": settings_rows,
            "days_form": days_form,
        },
        status=status,
    )


@staff_required(FACILITATOR)
def first_response_console(request):
    return _console_page(request)


@require_POST
@staff_required(FACILITATOR)
def first_response_days(request, municipality_pk: int):
    municipality = municipalities_for(request.user, FACILITATOR).filter(pk=municipality_pk).first()
    if municipality is None:
        raise Http404
    form = NoContactDaysForm(request.POST)
    if form.is_valid():
        first_response.set_no_contact_days(
            staff=request.user,
            municipality=municipality,
            days=form.cleaned_data["no_contact_days"],
        )
        messages.success(request, _("Saved."))
        return redirect("first_response_console")
    return _console_page(request, days_form=form, status=400)


@staff_required(FACILITATOR)
def first_response_write(request, citizen_pk: int):
    row = first_response.get_console_row(request.user, citizen_pk)
    form = FirstResponseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message = first_response.write_first_response(
                    staff=request.user, row=row, body=form.cleaned_data["body"]
                )
            except first_response.FirstResponseRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your message is sent from the municipality."))
                return redirect("conversation", message.conversation_id)
    first_response.open_console_row(staff=request.user, row=row)
    return render(
        request, "support/first_response_write.html", {"row": row, "form": form}, status=status
    )
