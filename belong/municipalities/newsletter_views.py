"""The newsletter: a citizen's yes or no on the profile, unsubscribing from the e-mail, and
the administrators' pages to write and send it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from belong.core import clock
from belong.municipalities import newsletter as service
from belong.municipalities.access import staff_required
from belong.municipalities.forms import NewNewsletterForm, NewsletterConsentForm, NewsletterForm
from belong.municipalities.models import Newsletter, StaffRole
from belong.municipalities.services import administered_municipality

ADMINISTRATOR = StaffRole.Role.ADMINISTRATOR
Via = service.Via
NEWSLETTERS_PAGE_SIZE = 36
NEWSLETTER_ANCHOR = "#nyhedsbrev"


# --- Citizens ------------------------------------------------------------------------------


@login_required
@require_POST
def newsletter_subscribe(request):
    form = NewsletterConsentForm(request.POST)
    if form.is_valid():
        try:
            service.give_consent(
                user=request.user, language=form.cleaned_data["language"], via=Via.PROFILE
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you. You will get the newsletter once a month."))
    else:
        messages.error(request, _("Please choose Danish or English."))
    return redirect(reverse("profile") + NEWSLETTER_ANCHOR)


@login_required
@require_POST
def newsletter_withdraw(request):
    if service.withdraw_consent(user=request.user, via=Via.PROFILE):
        messages.success(request, _("You will no longer get the newsletter."))
    return redirect(reverse("profile") + NEWSLETTER_ANCHOR)


# RFC 8058 one-click unsubscribe: the mail program POSTs "List-Unsubscribe=One-Click" to this
# address without a session or a CSRF token. The signed token in the address is the proof;
# it can only ever stop a newsletter.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token: str):
    user = service.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "municipalities/newsletter/unsubscribe_bad_link.html", status=404)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        service.withdraw_consent(user=user, via=Via.ONE_CLICK if one_click else Via.EMAIL_LINK)
        return render(request, "municipalities/newsletter/unsubscribed.html")
    return render(
        request,
        "municipalities/newsletter/unsubscribe.html",
        {"subscribed": service.open_consent(user) is not None},
    )


# --- Staff ---------------------------------------------------------------------------------


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def newsletter_list(request, pk: int):
    municipality = administered_municipality(request.user, pk)
    form = NewNewsletterForm(request.POST or None, today=clock.today())
    if request.method == "POST" and form.is_valid():
        newsletter = service.start_newsletter(
            administrator=request.user,
            municipality=municipality,
            month=form.cleaned_data["month"],
        )
        return redirect("newsletter_edit", newsletter.pk)
    newsletters = list(Newsletter.objects.filter(municipality=municipality)[:NEWSLETTERS_PAGE_SIZE])
    return render(
        request,
        "municipalities/staff/newsletter_list.html",
        {
            "municipality": municipality,
            "newsletters": newsletters,
            "form": form,
            "readers": service.readers_of(municipality).count(),
        },
    )


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def newsletter_edit(request, pk: int):
    newsletter = service.get_newsletter_for_staff(request.user, pk)
    form = NewsletterForm(
        request.POST or None,
        initial={
            "subject_da": newsletter.subject_da,
            "body_da": newsletter.body_da,
            "subject_en": newsletter.subject_en,
            "body_en": newsletter.body_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.update_newsletter(
                administrator=request.user, newsletter=newsletter, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The newsletter has been saved."))
            return redirect("newsletter_edit", pk)
    return render(
        request,
        "municipalities/staff/newsletter_edit.html",
        {
            "newsletter": newsletter,
            "municipality": newsletter.municipality,
            "form": form,
            "readers": service.readers_of(newsletter.municipality).count(),
            "delivered": newsletter.deliveries.filter(sent_at__isnull=False).count(),
        },
    )


@require_POST
@staff_required(ADMINISTRATOR)
def newsletter_send(request, pk: int):
    newsletter = service.get_newsletter_for_staff(request.user, pk)
    if service.send_newsletter(administrator=request.user, newsletter=newsletter):
        messages.success(request, _("The newsletter is on its way. Each reader gets it once."))
    else:
        messages.info(request, _("This newsletter has already been sent. Nobody gets it twice."))
    return redirect("newsletter_edit", pk)
