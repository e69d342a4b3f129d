"""Activity pages: near you, one activity with its sign-up, calendars, the organiser's
pages (create, change, cancel, attendance) and my activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.activities import attendance, calendars, services
from belong.activities.forms import ActivityFilterForm, ActivityForm, CheckInForm
from belong.activities.models import SignUp, SignUpStatus
from belong.core import clock
from belong.organisations.services import get_organisation


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


@login_required
@require_GET
def activity_list(request):
    """ "Activities near you": planned activities in the citizen's municipality (and
    online ones), soonest first."""
    form = ActivityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    organisation = get_organisation(data["forening"]) if data.get("forening") else None
    municipality = None if data.get("everywhere") or organisation else request.user.municipality
    queryset = services.upcoming_activities(
        viewer=request.user,
        municipality=municipality,
        organisation=organisation,
        interest=data.get("interest", ""),
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("side"))
    for activity in page:
        activity.places_left = services.places_left(activity)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "form": form,
            "page": page,
            "municipality": municipality,
            "organisation": organisation,
            "query": query.urlencode(),
        },
    )


@login_required
@require_GET
def activity_detail(request, pk: int):
    activity = services.get_activity_for_user(request.user, pk)
    signup = services.signup_of(request.user, activity)
    now = clock.now()
    attendance_qr = None
    confirmed = signup is not None and signup.status == SignUpStatus.CONFIRMED
    if confirmed and activity.ends_at > now and not activity.is_cancelled:
        # The facilitator's phone camera opens this address.
        attendance_qr = attendance.qr_svg(
            request.build_absolute_uri(attendance.attendance_path(signup)),
            label=_("Your attendance code for %(title)s") % {"title": activity.title},
        )
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "attendance_qr": attendance_qr,
            "signup": signup if signup and signup.status != SignUpStatus.CANCELLED else None,
            "position": services.waitlist_position(signup) if signup else None,
            "places_left": services.places_left(activity),
            "can_manage": services.can_manage(request.user, activity),
            "refusal": services.signup_refusal(request.user, activity, now=now),
            "checkin_form": CheckInForm()
            if signup and signup.status == SignUpStatus.CONFIRMED and activity.starts_at <= now
            else None,
        },
    )


@login_required
@require_POST
def activity_signup(request, pk: int):
    activity = services.get_activity_for_user(request.user, pk)
    try:
        signup = services.sign_up(user=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if signup.status == SignUpStatus.CONFIRMED:
            messages.success(request, _("You are signed up. See you there!"))
        elif signup.status == SignUpStatus.WAITLISTED:
            messages.info(
                request,
                _(
                    "All places are taken, so you are on the waiting list. We write to you "
                    "as soon as a place is yours."
                ),
            )
        else:
            messages.info(request, _("Thank you. The organiser will answer your sign-up."))
    return redirect("activity_detail", activity.pk)


@login_required
@require_POST
def activity_cancel_signup(request, pk: int):
    activity = services.get_activity_for_user(request.user, pk)
    try:
        services.cancel_signup(user=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are no longer signed up. Thank you for telling us."))
    return redirect("activity_detail", activity.pk)


@login_required
@require_GET
def activity_ics(request, pk: int):
    activity = services.get_activity_for_user(request.user, pk)
    body = calendars.activity_ics(
        activity, url=_absolute(request, reverse("activity_detail", args=[activity.pk]))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktivitet-{activity.pk}.ics"'
    return response


@require_GET
def organisation_calendar(request, pk: int):
    """A calendar app subscribes without signing in: only activities for adults."""
    organisation = get_organisation(pk)
    body = calendars.organisation_feed(
        organisation,
        url_for=lambda a: _absolute(request, reverse("activity_detail", args=[a.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="forening-{organisation.pk}.ics"'
    return response


def _organiser_choices(user):
    organisations, municipalities = services.organiser_choices(user)
    choices = [(f"org:{o.pk}", o.name) for o in organisations]
    choices += [
        (f"kommune:{m.pk}", _("Me, as facilitator in %(name)s") % {"name": m.name})
        for m in municipalities
    ]
    return choices, {o.pk: o for o in organisations}, {m.pk: m for m in municipalities}


@login_required
def activity_new(request):
    choices, organisations, municipalities = _organiser_choices(request.user)
    if not choices:
        raise Http404
    initial = {}
    if request.GET.get("forening"):
        initial["organiser"] = f"org:{request.GET['forening']}"
    form = ActivityForm(request.POST or None, organisers=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        kind, _sep, key = form.cleaned_data["organiser"].partition(":")
        organisation = organisations.get(int(key)) if kind == "org" else None
        municipality = municipalities.get(int(key)) if kind == "kommune" else None
        try:
            made = services.create_activity(
                organiser=request.user,
                organisation=organisation,
                municipality=municipality,
                fields=form.service_fields(),
                repeat_weeks=form.cleaned_data.get("repeat_weeks") or 0,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The activity has been created."))
            return redirect("activity_detail", made[0].pk)
    return render(request, "activities/activity_form.html", {"form": form})


@login_required
def activity_edit(request, pk: int):
    activity = services.get_activity_for_organiser(request.user, pk)
    local = timezone.localtime(activity.starts_at)
    initial = {
        **{name: getattr(activity, name) for name in services.FIELDS},
        "interests": activity.interests,
        "day": local.date(),
        "time": local.time().replace(second=0, microsecond=0),
        "duration": int((activity.ends_at - activity.starts_at).total_seconds() // 60),
    }
    form = ActivityForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                organiser=request.user, activity=activity, fields=form.service_fields()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The activity has been changed. Everyone signed up is told.")
            )
            return redirect("activity_detail", activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_cancel(request, pk: int):
    activity = services.get_activity_for_organiser(request.user, pk)
    services.cancel_activity(organiser=request.user, activity=activity)
    messages.success(request, _("The activity is cancelled. Everyone signed up is told."))
    return redirect("activity_detail", activity.pk)


@login_required
def activity_attendance(request, pk: int):
    activity = services.get_activity_for_organiser(request.user, pk)
    if request.method == "POST":
        present = set()
        for value in request.POST.getlist("present"):
            try:
                present.add(int(value))
            except ValueError:
                continue
        came = services.record_attendance(
            organiser=request.user, activity=activity, present_ids=present
        )
        messages.success(request, _("Attendance saved: %(count)d came.") % {"count": came})
        return redirect("activity_attendance", activity.pk)
    return render(
        request,
        "activities/attendance.html",
        {
            "activity": activity,
            "signups": services.participants(organiser=request.user, activity=activity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_attendance_code(request, pk: int, token: str):
    """A participant's attendance code, opened by the facilitator's phone camera: the
    facilitator (signed in, running this activity) confirms, and the person is present."""
    activity = services.get_activity_for_organiser(request.user, pk)
    try:
        if request.method == "POST":
            signup = attendance.mark_present_by_code(
                organiser=request.user, activity=activity, token=token
            )
            messages.success(
                request, _("%(name)s is marked as present.") % {"name": signup.user.display_name}
            )
            return redirect("activity_attendance", activity.pk)
        signup = attendance.signup_for_code(organiser=request.user, activity=activity, token=token)
    except ValidationError as error:
        return render(
            request,
            "activities/attendance_code.html",
            {"activity": activity, "signup": None, "error": " ".join(error.messages)},
            status=400,
        )
    return render(
        request,
        "activities/attendance_code.html",
        {"activity": activity, "signup": signup, "error": ""},
    )


@login_required
@require_POST
def activity_decide_signup(request, pk: int):
    signup = SignUp.objects.select_related("activity__organisation").filter(pk=pk).first()
    if signup is None or not services.can_manage(request.user, signup.activity):
        raise Http404
    services.decide_signup(
        organiser=request.user, signup=signup, approve=request.POST.get("decision") == "approve"
    )
    messages.success(request, _("Your answer has been saved."))
    return redirect("activity_attendance", signup.activity_id)


@login_required
@require_POST
def activity_checkin(request, pk: int):
    activity = services.get_activity_for_user(request.user, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer to both questions."))
        return redirect("activity_detail", activity.pk)
    try:
        services.check_in(
            user=request.user,
            activity=activity,
            how_it_went=form.cleaned_data["how_it_went"],
            come_again=form.cleaned_data["come_again"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for telling us. Only you can see your answer."))
    return redirect("activity_detail", activity.pk)


@login_required
@require_GET
def my_activities(request):
    return render(
        request,
        "activities/my_activities.html",
        {
            "signups": services.my_signups(request.user),
            "managed": services.managed_activities(request.user),
        },
    )
