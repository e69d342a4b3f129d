"""The municipality's own page, its announcements, and the local sections other apps add."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from belong.accounts.models import User
from belong.core import clock
from belong.municipalities.models import Announcement, LandingPage, StaffRole
from belong.municipalities.services import administered_municipality, municipalities_for
from belong.places.models import Municipality, Postcode

Role = StaffRole.Role


# --- Local sections: what other apps (activities, organisations) show on the page --------


@dataclass(frozen=True)
class LocalItem:
    title: str
    url: str
    when: datetime.datetime | None = None
    summary: str = ""


@dataclass(frozen=True)
class LocalSection:
    """A list on the municipality's page and in its newsletter, owned by another app.

    `items(viewer, municipality, start, end)` returns what `viewer` may see that happens (or
    exists) between start and end; the viewer is anonymous on the public page before login
    and for the newsletter, which is one text for all its readers. The app registers it from
    its own module, so this one never imports it."""

    key: str
    heading: object  # a lazy translated string
    items: Callable[
        [User | AnonymousUser, Municipality, datetime.datetime, datetime.datetime],
        list[LocalItem],
    ]
    in_newsletter: bool = True
    order: int = 100  # lower comes first


LOCAL_SECTIONS: dict[str, LocalSection] = {}


def register_local_section(section: LocalSection) -> None:
    LOCAL_SECTIONS[section.key] = section


def local_sections(
    municipality: Municipality,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    viewer: User | AnonymousUser | None = None,
    newsletter: bool = False,
) -> list[tuple[LocalSection, list[LocalItem]]]:
    viewer = viewer if viewer is not None and not newsletter else AnonymousUser()
    return [
        (section, section.items(viewer, municipality, start, end))
        for section in sorted(LOCAL_SECTIONS.values(), key=lambda s: (s.order, s.key))
        if section.in_newsletter or not newsletter
    ]


# --- The page ------------------------------------------------------------------------------


def get_municipality_by_slug(slug: str) -> Municipality:
    """A licensed municipality by its address name; 404 for any other."""
    municipality = Municipality.objects.licensed().filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def landing_page_for(municipality: Municipality) -> LandingPage:
    """The staff's texts; an unsaved, empty page when they have written none yet."""
    page = LandingPage.objects.filter(municipality=municipality).first()
    return page or LandingPage(municipality=municipality)


def update_landing_page(
    *,
    administrator: User,
    municipality: Municipality,
    welcome: str,
    it_support: str,
    facilitators: str,
    privacy_notice_url: str,
    accessibility_statement_url: str,
    now: datetime.datetime | None = None,
) -> LandingPage:
    administered_municipality(administrator, municipality.pk)
    page, _created = LandingPage.objects.update_or_create(
        municipality=municipality,
        defaults={
            "welcome": welcome.strip(),
            "it_support": it_support.strip(),
            "facilitators": facilitators.strip(),
            "privacy_notice_url": privacy_notice_url.strip(),
            "updated_at": now or clock.now(),
            "updated_by": administrator,
        },
    )
    if municipality.accessibility_statement_url != accessibility_statement_url.strip():
        municipality.accessibility_statement_url = accessibility_statement_url.strip()
        municipality.save(update_fields=["accessibility_statement_url"])
    return page


# --- Announcements -------------------------------------------------------------------------


def current_announcements_for(
    user: User, now: datetime.datetime | None = None
) -> QuerySet[Announcement]:
    """What the staff of `user`'s municipality announce right now (one query)."""
    if not user.is_authenticated or not user.postcode_id:
        return Announcement.objects.none()
    home = Postcode.objects.filter(pk=user.postcode_id).values("municipality_id")
    return (
        Announcement.objects.current(now)
        .filter(municipality_id__in=home)
        .order_by("-starts_at", "-pk")
    )


def announcements_for_staff(administrator: User) -> QuerySet[Announcement]:
    return Announcement.objects.filter(
        municipality__in=municipalities_for(administrator, Role.ADMINISTRATOR)
    )


def get_announcement_for_staff(administrator: User, pk: int) -> Announcement:
    announcement = announcements_for_staff(administrator).select_related("municipality")
    announcement = announcement.filter(pk=pk).first()
    if announcement is None:
        raise Http404
    return announcement


def save_announcement(
    *,
    administrator: User,
    municipality: Municipality,
    title: str,
    body: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    announcement: Announcement | None = None,
) -> Announcement:
    """Write a new announcement, or change one, in a municipality `administrator` runs."""
    administered_municipality(administrator, municipality.pk)
    if announcement is None:
        announcement = Announcement(municipality=municipality, created_by=administrator)
    elif announcement.municipality_id != municipality.pk:
        raise Http404
    announcement.title = title.strip()
    announcement.body = body.strip()
    announcement.starts_at = starts_at
    announcement.ends_at = ends_at
    announcement.save()
    return announcement


def delete_announcement(*, administrator: User, announcement: Announcement) -> None:
    administered_municipality(administrator, announcement.municipality_id)
    announcement.delete()
