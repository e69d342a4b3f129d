"""Builders for organisations and activities, through the real services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from belong.activities.services import create_activity
from belong.organisations.services import create_organisation


def organisation_fields(postcode, **fields) -> dict:
    values = {
        "name": "Aalborg Gåklub",
        "kind": "club",
        "description": "Vi går en tur ved fjorden hver tirsdag. Alle er velkomne.",
        "interests": ["walks-nature"],
        "ages": "adults",
        "postcode": postcode,
        "address": "Vestre Fjordvej",
        "contact_email": "gaaklub@example.dk",
        "contact_phone": "",
        "website": "",
    }
    values.update(fields)
    return values


def make_organisation(owner, **fields):
    return create_organisation(creator=owner, fields=organisation_fields(owner.postcode, **fields))


def activity_fields(**fields) -> dict:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    values = {
        "title": "Gåtur ved fjorden",
        "description": "Vi går en time og drikker kaffe bagefter.",
        "interests": ["walks-nature"],
        "postcode": None,
        "place": "Vestre Fjordvej 1",
        "online": False,
        "online_link": "",
        "step_free": True,
        "hearing_loop": False,
        "quiet_space": False,
        "accessibility_notes": "",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "capacity": 50,
        "needs_approval": False,
        "age_range": "adult",
    }
    values.update(fields)
    return values


def make_activity(organiser, *, organisation=None, municipality=None, **fields):
    if organisation is None and municipality is None:
        municipality = organiser.municipality
    return create_activity(
        organiser=organiser,
        organisation=organisation,
        municipality=municipality,
        fields=activity_fields(**fields),
    )[0]
