"""Staff pages for safety: the moderation queue, decisions and appeals (moderators), the
municipality's guidance and word list, the staff-access log and birth-date corrections
(administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.accounts.models import User
from belong.core.access_log import record_staff_access
from belong.core.models import StaffAccess
from belong.moderation import services as moderation
from belong.moderation.forms import (
    ActionForm,
    AppealDecisionForm,
    BirthDateForm,
    ModerationSettingsForm,
)
from belong.municipalities.access import staff_required
from belong.municipalities.models import StaffRole
from belong.municipalities.services import municipalities_for
from belong.places.models import Municipality
from belong.posts.photos import remove_photo
from belong.safety.models import ModerationSettings, ReportTarget

MODERATOR = StaffRole.Role.MODERATOR
ADMINISTRATOR = StaffRole.Role.ADMINISTRATOR
LOG_PAGE_SIZE = 100


def _chosen_municipality(request, role: str) -> Municipality | None:
    chosen = request.GET.get("kommune", "")
    if not chosen:
        return None
    found = municipalities_for(request.user, role).filter(pk=chosen if chosen.isdigit() else 0)
    municipality = found.first()
    if municipality is None:
        raise Http404
    return municipality


@staff_required(MODERATOR)
@require_GET
def queue(request):
    municipality = _chosen_municipality(request, MODERATOR)
    reports = list(moderation.queue_for(request.user, municipality))
    counts = moderation.reports_count_by_target(reports)
    for report in reports:
        report.same_count = counts.get((report.target, report.target_id), 1)
    guidance = {
        s.municipality_id: s.guidance
        for s in ModerationSettings.objects.filter(
            municipality__in={r.municipality_id for r in reports if r.urgent}
        )
    }
    for report in reports:
        if report.urgent:
            report.guidance = guidance.get(report.municipality_id, ModerationSettings().guidance)
    return render(
        request,
        "safety/staff/queue.html",
        {
            "reports": reports,
            "appeals": list(moderation.open_appeals_for(request.user, municipality)),
            "municipalities": list(moderation.moderated_municipalities(request.user)),
            "chosen": municipality,
        },
    )


def _report_context(request, report, form=None):
    subject = moderation.report_subject(report)
    message = moderation.read_reported_message(moderator=request.user, report=report)
    citizen = moderation.view_citizen_in_queue(moderator=request.user, report=report)
    settings = (
        moderation.moderation_settings_for(report.municipality) if report.municipality else None
    )
    return {
        "report": report,
        "subject": subject if report.target == ReportTarget.POST else None,
        "message": message,
        "citizen": citizen,
        "guidance": settings.guidance if settings and report.urgent else "",
        "form": form or ActionForm(),
        "moderators": list(moderation.moderators_of(report.municipality)),
        "actions": list(moderation.actions_for_report(report)),
    }


@staff_required(MODERATOR)
@require_GET
def report_detail(request, pk: int):
    report = moderation.get_report_for_moderator(request.user, pk)
    return render(request, "safety/staff/report_detail.html", _report_context(request, report))


@staff_required(MODERATOR)
@require_POST
def report_assign(request, pk: int):
    report = moderation.get_report_for_moderator(request.user, pk)
    chosen = request.POST.get("assignee", "")
    assignee = User.objects.filter(pk=chosen).first() if chosen.isdigit() else None
    try:
        moderation.assign_report(report=report, assignee=assignee, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been assigned."))
    return redirect("moderation_report", pk)


@staff_required(MODERATOR)
@require_POST
def report_act(request, pk: int):
    report = moderation.get_report_for_moderator(request.user, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            moderation.act_on_report(
                moderator=request.user,
                report=report,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been saved."))
            return redirect("moderation_queue")
    return render(
        request,
        "safety/staff/report_detail.html",
        _report_context(request, report, form=form),
        status=400,
    )


@staff_required(MODERATOR)
@require_POST
def report_remove_photo(request, pk: int):
    """Take down a reported post's photo alone: the text stays as the decision leaves it."""
    report = moderation.get_report_for_moderator(request.user, pk)
    post = moderation.report_subject(report) if report.target == ReportTarget.POST else None
    if post is None or not post.photo:
        raise Http404
    try:
        remove_photo(moderator=request.user, post=post, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The photo has been removed."))
    return redirect("moderation_report", pk)


@staff_required(MODERATOR)
@require_http_methods(["GET", "POST"])
def appeal_detail(request, pk: int):
    appeal = moderation.get_appeal_for_moderator(request.user, pk)
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.decide_appeal(
                moderator=request.user,
                appeal=appeal,
                grant=form.cleaned_data["decision"] == "grant",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been saved."))
            return redirect("moderation_queue")
    record_staff_access(
        staff=request.user,
        subject=appeal.user,
        municipality=appeal.municipality,
        action="appeal",
        reason=f"appeal:{appeal.pk}",
    )
    return render(
        request,
        "safety/staff/appeal_detail.html",
        {"appeal": appeal, "action": appeal.action, "form": form},
    )


def _administered(request, pk: int) -> Municipality:
    municipality = municipalities_for(request.user, ADMINISTRATOR).filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def moderation_settings(request, pk: int):
    municipality = _administered(request, pk)
    settings = moderation.moderation_settings_for(municipality)
    form = ModerationSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings have been saved."))
        return redirect("moderation_settings", pk)
    return render(
        request,
        "safety/staff/settings.html",
        {"municipality": municipality, "form": form},
    )


@staff_required(ADMINISTRATOR)
@require_GET
def access_log(request, pk: int):
    """Read-only: who on the staff looked at whose data, newest first."""
    municipality = _administered(request, pk)
    rows = list(
        StaffAccess.objects.filter(municipality=municipality).select_related("staff", "subject")[
            :LOG_PAGE_SIZE
        ]
    )
    return render(
        request, "safety/staff/access_log.html", {"municipality": municipality, "rows": rows}
    )


@staff_required(ADMINISTRATOR)
@require_GET
def find_citizen(request, pk: int):
    """An administrator looks a citizen up by e-mail to correct their birth date."""
    municipality = _administered(request, pk)
    email = (request.GET.get("email") or "").strip()[:254]
    not_found = False
    if email:
        citizen = User.objects.filter(
            email__iexact=email, postcode__municipality=municipality
        ).first()
        if citizen is not None:
            return redirect("staff_birth_date", citizen.pk)
        not_found = True
    return render(
        request,
        "safety/staff/find_citizen.html",
        {"municipality": municipality, "email": email, "not_found": not_found},
    )


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def birth_date(request, pk: int):
    """An administrator corrects a citizen's birth date in their municipality; logged."""
    citizen = (
        User.objects.select_related("postcode__municipality")
        .filter(
            pk=pk,
            postcode__municipality__in=municipalities_for(request.user, ADMINISTRATOR),
        )
        .first()
    )
    if citizen is None:
        raise Http404
    form = BirthDateForm(request.POST or None, initial={"birth_date": citizen.birth_date})
    if request.method == "POST" and form.is_valid():
        from belong.accounts.services import correct_birth_date

        try:
            correct_birth_date(
                staff=request.user,
                user=citizen,
                birth_date=form.cleaned_data["birth_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("birth_date", error)
        else:
            messages.success(request, _("The birth date has been corrected."))
            return redirect("staff_birth_date", pk)
    else:
        record_staff_access(
            staff=request.user, subject=citizen, action="birth_date", reason="correction page"
        )
    return render(request, "safety/staff/birth_date.html", {"citizen": citizen, "form": form})
