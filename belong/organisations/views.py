"""Organisation pages: find, create, edit, follow, members; the staff's verification queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from belong.municipalities.access import staff_required
from belong.organisations import listing, services
from belong.organisations.forms import (
    ApplicationForm,
    DecisionForm,
    LogoRemovalForm,
    MemberForm,
    OrganisationForm,
    OrganisationSearchForm,
)
from belong.organisations.models import EDITING_ROLES, Membership
from belong.organisations.services import VERIFYING_ROLES


def _add_errors(form, error: ValidationError, field: str | None = None) -> None:
    if error.code == "bad_image":
        field = "logo"
    for message in error.messages:
        form.add_error(field, message)


def _form_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "logo"}


@login_required
@require_GET
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    municipality = None if data.get("everywhere") else request.user.municipality
    queryset = listing.find_organisations(
        viewer=request.user,
        text=data.get("q", ""),
        interest=data.get("interest", ""),
        municipality=municipality,
        verified_only=data.get("verified", False),
        ages=data.get("ages", ""),
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page": page, "municipality": municipality, "query": query.urlencode()},
    )


@login_required
def organisation_new(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(
                creator=request.user,
                fields=_form_fields(form),
                logo=form.cleaned_data.get("logo"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your organisation has been created."))
            return redirect("organisation_detail", organisation.pk)
    elif request.method == "GET":
        form.initial["postcode"] = request.user.postcode
    return render(request, "organisations/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, pk: int):
    organisation = services.get_organisation_for_editor(request.user, pk)
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "description": organisation.description,
        "interests": organisation.interests,
        "ages": organisation.ages,
        "postcode": organisation.postcode,
        "address": organisation.address,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "website": organisation.website,
    }
    form = OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        logo = form.cleaned_data.get("logo")
        try:
            services.update_organisation(
                editor=request.user,
                organisation=organisation,
                fields=_form_fields(form),
                logo=logo or None,
                remove_logo=logo is False,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("organisation_detail", organisation.pk)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_GET
def organisation_detail(request, pk: int):
    organisation = services.get_organisation(pk)
    role = services.role_of(request.user, organisation)
    can_edit = role in EDITING_ROLES
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "role": role,
            "can_edit": can_edit,
            "log": list(organisation.log.all()[:10]) if can_edit else [],
            "following": services.is_following(request.user, organisation),
            "contacts": services.vetted_contacts(organisation)
            if organisation.welcomes_minors
            else [],
            "pending": services.pending_application(organisation),
            "logo_form": LogoRemovalForm(auto_id="logo_%s")
            if organisation.shows_logo and services.may_verify(request.user, organisation)
            else None,
        },
    )


@login_required
@require_GET
def organisation_logo(request, pk: int):
    organisation = services.logo_for_viewer(request.user, pk)
    try:
        handle = default_storage.open(organisation.logo, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = "image/png" if organisation.logo.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def organisation_follow(request, pk: int):
    organisation = services.get_organisation(pk)
    services.follow(user=request.user, organisation=organisation)
    messages.success(request, _("You now follow %(name)s.") % {"name": organisation.name})
    return redirect("organisation_detail", organisation.pk)


@login_required
@require_POST
def organisation_unfollow(request, pk: int):
    organisation = services.get_organisation(pk)
    services.unfollow(user=request.user, organisation=organisation)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": organisation.name})
    return redirect("organisation_detail", organisation.pk)


@login_required
def organisation_members(request, pk: int):
    organisation = services.get_organisation_for_editor(request.user, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(
                editor=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _add_errors(form, error, "email")
        else:
            messages.success(request, _("The member has been added."))
            return redirect("organisation_members", organisation.pk)
    contacts = {c.user_id: c for c in organisation.adult_contacts.all()}
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": services.members_visible_to(request.user, organisation),
            "contacts": contacts,
            "form": form,
        },
    )


@login_required
@require_POST
def organisation_propose_contact(request, pk: int, member_pk: int):
    organisation = services.get_organisation_for_editor(request.user, pk)
    membership = Membership.objects.filter(organisation=organisation, pk=member_pk).first()
    if membership is None:
        raise Http404
    try:
        services.propose_adult_contact(
            editor=request.user, organisation=organisation, member=membership.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The municipality will look at the adult contact."))
    return redirect("organisation_members", organisation.pk)


@login_required
def organisation_apply(request, pk: int):
    organisation = services.get_organisation_for_editor(request.user, pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_for_verification(
                applicant=request.user, organisation=organisation, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The municipality will look at your application and write back."),
            )
            return redirect("organisation_detail", organisation.pk)
    return render(
        request,
        "organisations/apply.html",
        {
            "organisation": organisation,
            "form": form,
            "pending": services.pending_application(organisation),
            "last": organisation.applications.exclude(status="pending")
            .order_by("-decided_at")
            .first(),
        },
    )


@login_required
@require_GET
def my_organisations(request):
    memberships, followed = services.my_organisations(request.user)
    return render(
        request,
        "organisations/my_organisations.html",
        {"memberships": memberships, "followed": followed},
    )


# --- Staff -------------------------------------------------------------------------------------


@staff_required(*VERIFYING_ROLES)
@require_GET
def verification_queue(request):
    page = Paginator(services.verification_queue_for(request.user), 30).get_page(
        request.GET.get("side")
    )
    return render(request, "organisations/staff_queue.html", {"page": page})


@staff_required(*VERIFYING_ROLES)
def verification_application(request, pk: int):
    application = services.get_application_for_staff(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_application(
                staff=request.user,
                application=application,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your decision has been saved."))
            return redirect("verification_queue")
    details = services.read_application(staff=request.user, application=application)
    return render(
        request,
        "organisations/staff_application.html",
        {
            "application": application,
            "organisation": application.organisation,
            "form": form,
            "logo_form": LogoRemovalForm(auto_id="logo_%s"),
            **details,
        },
    )


@staff_required(*VERIFYING_ROLES)
@require_POST
def verification_contact(request, pk: int):
    contact = services.get_contact_for_staff(request.user, pk)
    services.decide_adult_contact(
        staff=request.user, contact=contact, approve=request.POST.get("decision") == "approve"
    )
    messages.success(request, _("Your decision has been saved."))
    application = services.pending_application(contact.organisation)
    if application is not None:
        return redirect("verification_application", application.pk)
    return redirect("verification_queue")


@staff_required(*VERIFYING_ROLES)
@require_POST
def verification_remove_logo(request, pk: int):
    organisation = services.get_organisation_for_staff(request.user, pk)
    form = LogoRemovalForm(request.POST)
    if form.is_valid():
        try:
            services.remove_logo(
                staff=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The logo has been removed."))
    else:
        messages.error(request, _("Write why the logo is removed."))
    application = services.pending_application(organisation)
    if application is not None:
        return redirect("verification_application", application.pk)
    return redirect("organisation_detail", organisation.pk)
