"""Organisations and activities beside a post search: the same words, interests and place,
and the same rules about who sees what (their own listings' querysets decide)."""

from __future__ import annotations

from dataclasses import dataclass, field

from belong.accounts.models import User
from belong.activities.models import Activity
from belong.activities.services import places_left, upcoming_activities
from belong.organisations.listing import find_organisations
from belong.organisations.models import Organisation
from belong.places.models import Postcode
from belong.posts.search import SearchQuery

# What the search page shows: everything, or one kind ("Foreninger" alone, ...).
SHOW_CHOICES = ("", "posts", "organisations", "activities")
# How many of each stand beside the posts; shown alone, a fuller list.
BESIDE, ALONE = 3, 20


@dataclass
class LocalResults:
    organisations: list[Organisation] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


def clean_show(value) -> str:
    value = value if isinstance(value, str) else ""
    return value if value in SHOW_CHOICES else ""


def _place(viewer: User, query: SearchQuery):
    """The municipality the search is about: the postcode searched from, else the viewer's."""
    if query.postcode:
        postcode = (
            Postcode.objects.select_related("municipality").filter(code=query.postcode).first()
        )
        if postcode is not None:
            return postcode.municipality
    return viewer.municipality


def local_results(*, viewer: User, query: SearchQuery, show: str) -> LocalResults:
    """The organisations and the upcoming activities that fit `query`, near where it looks:
    in the municipality for "near" and "municipality", the region for "region", anywhere for
    the whole country and online."""
    results = LocalResults()
    if show == "posts":
        return results
    municipality = _place(viewer, query)
    region_id = None
    if query.where == "region" and municipality is not None:
        region_id, municipality = municipality.region_id, None
    elif query.where in ("country", "online"):
        municipality = None
    if show in ("", "organisations"):
        results.organisations = list(
            find_organisations(
                viewer=viewer,
                text=query.text,
                interests=query.interests,
                municipality=municipality,
                region_id=region_id,
            )[: ALONE if show else BESIDE]
        )
    if show in ("", "activities"):
        activities = upcoming_activities(
            viewer=viewer,
            municipality=municipality,
            interest=query.interests[0] if query.interests else "",
            text=query.text,
        )
        if region_id is not None:
            activities = activities.filter(municipality__region_id=region_id)
        results.activities = list(activities[: ALONE if show else BESIDE])
        # The card says how many places are left.
        for activity in results.activities:
            activity.places_left = places_left(activity)  # type: ignore[attr-defined]
    return results
