"""The municipality's page for citizens, and the administrators' pages to write it and its
announcements."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.core import clock
from belong.municipalities import local
from belong.municipalities.access import staff_required
from belong.municipalities.forms import AnnouncementForm, LandingPageForm
from belong.municipalities.models import Announcement, StaffRole
from belong.municipalities.services import administered_municipality

ADMINISTRATOR = StaffRole.Role.ADMINISTRATOR
UPCOMING_DAYS = 60
ANNOUNCEMENTS_PAGE_SIZE = 50


@require_GET
def municipality_page(request, slug: str):
    """Where citizens land from the municipality's website: public, no login."""
    municipality = local.get_municipality_by_slug(slug)
    now = clock.now()
    page = local.landing_page_for(municipality)
    announcements = list(Announcement.objects.current(now).filter(municipality=municipality)[:10])
    sections = local.local_sections(
        municipality, now, now + datetime.timedelta(days=UPCOMING_DAYS), viewer=request.user
    )
    return render(
        request,
        "municipalities/municipality_page.html",
        {
            "municipality": municipality,
            "page": page,
            "announcements": announcements,
            "sections": sections,
            "accessibility_url": municipality.accessibility_statement_url
            or settings.ACCESSIBILITY_STATEMENT_URL
            or reverse("accessibility"),
            "help_url": reverse("help_request") + f"?kommune={municipality.pk}",
        },
    )


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def landing_page_edit(request, pk: int):
    municipality = administered_municipality(request.user, pk)
    page = local.landing_page_for(municipality)
    form = LandingPageForm(
        request.POST or None,
        initial={
            "welcome": page.welcome,
            "it_support": page.it_support,
            "facilitators": page.facilitators,
            "privacy_notice_url": page.privacy_notice_url,
            "accessibility_statement_url": municipality.accessibility_statement_url,
        },
    )
    if request.method == "POST" and form.is_valid():
        local.update_landing_page(
            administrator=request.user, municipality=municipality, **form.cleaned_data
        )
        messages.success(request, _("The municipality's page has been saved."))
        return redirect("landing_page_edit", pk)
    return render(
        request,
        "municipalities/staff/landing_page_edit.html",
        {"municipality": municipality, "form": form},
    )


@staff_required(ADMINISTRATOR)
@require_GET
def announcement_list(request, pk: int):
    municipality = administered_municipality(request.user, pk)
    announcements = list(
        Announcement.objects.filter(municipality=municipality).select_related("created_by")[
            :ANNOUNCEMENTS_PAGE_SIZE
        ]
    )
    return render(
        request,
        "municipalities/staff/announcement_list.html",
        {"municipality": municipality, "announcements": announcements, "now": clock.now()},
    )


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def announcement_new(request, pk: int):
    municipality = administered_municipality(request.user, pk)
    today = clock.today()
    form = AnnouncementForm(
        request.POST or None,
        initial={"starts_on": today, "ends_on": today + datetime.timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        local.save_announcement(
            administrator=request.user,
            municipality=municipality,
            title=data["title"],
            body=data["body"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
        messages.success(request, _("The announcement has been saved."))
        return redirect("announcement_list", pk)
    return render(
        request,
        "municipalities/staff/announcement_form.html",
        {"municipality": municipality, "form": form, "announcement": None},
    )


@staff_required(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk: int):
    announcement = local.get_announcement_for_staff(request.user, pk)
    municipality = announcement.municipality
    form = AnnouncementForm(
        request.POST or None, initial=AnnouncementForm.initial_for(announcement)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        local.save_announcement(
            administrator=request.user,
            municipality=municipality,
            announcement=announcement,
            title=data["title"],
            body=data["body"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
        messages.success(request, _("The announcement has been saved."))
        return redirect("announcement_list", municipality.pk)
    return render(
        request,
        "municipalities/staff/announcement_form.html",
        {"municipality": municipality, "form": form, "announcement": announcement},
    )


@require_POST
@staff_required(ADMINISTRATOR)
def announcement_delete(request, pk: int):
    announcement = local.get_announcement_for_staff(request.user, pk)
    municipality_pk = announcement.municipality_id
    local.delete_announcement(administrator=request.user, announcement=announcement)
    messages.success(request, _("The announcement has been deleted."))
    return redirect("announcement_list", municipality_pk)
