"""An activity as an iCalendar event, and an organisation's feed of them: stable UIDs, so a
calendar app updates an event rather than adding it twice."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from belong.activities.models import Activity, AgeRange
from belong.core import clock
from belong.organisations.models import Organisation


def _event(activity: Activity, *, url: str):
    from icalendar import Event

    event = Event()
    event.add("uid", f"activity-{activity.uid}@belong")
    event.add("dtstamp", activity.updated_at)
    event.add("dtstart", activity.starts_at)
    event.add("dtend", activity.ends_at)
    event.add("sequence", activity.sequence)
    event.add("summary", activity.title)
    event.add("description", activity.description)
    location = _("Online") if activity.online and not activity.place else activity.place
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CANCELLED" if activity.is_cancelled else "CONFIRMED")
    return event


def _calendar(name: str):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Belong//Activities//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def activity_ics(activity: Activity, *, url: str) -> bytes:
    calendar = _calendar(activity.title)
    calendar.add_component(_event(activity, url=url))
    return calendar.to_ical()


def organisation_feed(organisation: Organisation, *, url_for) -> bytes:
    """The organisation's activities as a calendar feed: those for adults, of the last month
    and to come. Where and when young people meet is never in a public feed."""
    since = clock.now() - datetime.timedelta(days=31)
    calendar = _calendar(organisation.name)
    for activity in Activity.objects.filter(
        organisation=organisation, starts_at__gte=since, age_range=AgeRange.ADULT
    ).order_by("starts_at")[:500]:
        calendar.add_component(_event(activity, url=url_for(activity)))
    return calendar.to_ical()
