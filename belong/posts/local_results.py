"""Organisations and activities beside a post search: the same words, interests and place,
and the same rules about who sees what (their own listings' querysets decide)."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field

from django.core.cache import cache

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
# The lists are the same for everyone of the same space who searches the same place, words
# and interests, and their two queries cost a search page about a fifth of its time: they
# are kept this long, so a new club, activity or sign-up shows beside a search within half
# a minute (their own pages show it at once).
SHARED_SECONDS = 30


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
    if show == "posts":
        return LocalResults()
    municipality = _place(viewer, query)
    # Who sees what depends only on the space (belong.activities.services.age_ranges_for,
    # find_organisations): the youth space's lists are kept apart from the adults'.
    key = "|".join(
        [
            show,
            "youth" if viewer.is_youth else "adult",
            str(municipality.pk if municipality is not None else ""),
            query.where,
            query.text,
            ",".join(query.interests),
        ]
    )
    key = "local-results:1:" + hashlib.sha256(key.encode()).hexdigest()
    try:
        results = cache.get(key)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
        results = None  # kept by an older release: worked out afresh
    if not isinstance(results, LocalResults):
        results = _local_results(viewer=viewer, query=query, show=show, municipality=municipality)
        cache.set(key, results, SHARED_SECONDS)
    return results


def _local_results(*, viewer: User, query: SearchQuery, show: str, municipality) -> LocalResults:
    results = LocalResults()
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
