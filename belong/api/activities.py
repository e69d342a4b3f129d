"""Activities: near me, one activity, sign up and cancel. The same services as the pages,
so the same rules hold (age ranges, capacity, the waitlist)."""

from __future__ import annotations

import datetime

from ninja import Router, Status

from belong.activities import services
from belong.activities.models import Activity, SignUp
from belong.api.common import (
    ERRORS,
    KEYSET_CURSOR_PARAM,
    LIMIT,
    Closed,
    keyset_page,
)
from belong.organisations.services import get_organisation

router = Router(tags=["activities"])


class Organiser(Closed):
    organisation_id: int | None
    name: str


class ActivityOut(Closed):
    id: int
    title: str
    description: str
    interests: list[str]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online: bool
    municipality: str
    step_free: bool
    hearing_loop: bool
    quiet_space: bool
    accessibility_notes: str
    capacity: int
    places_taken: int
    needs_approval: bool
    age_range: str
    status: str
    organiser: Organiser


class ActivityPage(Closed):
    items: list[ActivityOut]
    next_cursor: str | None


class SignUpOut(Closed):
    activity_id: int
    status: str
    waitlist_position: int | None
    queued_at: datetime.datetime


def activity_out(activity: Activity) -> dict:
    if activity.organisation_id:
        organiser = {
            "organisation_id": activity.organisation_id,
            "name": activity.organisation.name,
        }
    else:
        organiser = {"organisation_id": None, "name": activity.facilitator.display_name}
    taken = getattr(activity, "taken", None)
    if taken is None:
        taken = activity.capacity - services.places_left(activity)
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "interests": activity.interests,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "place": activity.place,
        "online": activity.online,
        "municipality": activity.municipality.display_name,
        "step_free": activity.step_free,
        "hearing_loop": activity.hearing_loop,
        "quiet_space": activity.quiet_space,
        "accessibility_notes": activity.accessibility_notes,
        "capacity": activity.capacity,
        "places_taken": taken,
        "needs_approval": activity.needs_approval,
        "age_range": activity.age_range,
        "status": activity.status,
        "organiser": organiser,
    }


def signup_out(signup: SignUp) -> dict:
    return {
        "activity_id": signup.activity_id,
        "status": signup.status,
        "waitlist_position": services.waitlist_position(signup),
        "queued_at": signup.queued_at,
    }


@router.get(
    "/activities",
    response={200: ActivityPage, **ERRORS},
    summary="Activities near me (or everywhere, or one organisation's), soonest first",
)
def list_activities(
    request,
    interest: str = "",
    organisation_id: int | None = None,
    everywhere: bool = False,
    cursor: str | None = KEYSET_CURSOR_PARAM,
    limit: int = LIMIT,
):
    user = request.auth
    organisation = get_organisation(organisation_id) if organisation_id else None
    queryset = services.upcoming_activities(
        viewer=user,
        municipality=None if everywhere or organisation else user.municipality,
        organisation=organisation,
        interest=interest[:40],
    )
    rows, next_cursor = keyset_page(
        queryset, cursor=cursor, limit=limit, time_field="starts_at", soonest_first=True
    )
    return {"items": [activity_out(a) for a in rows], "next_cursor": next_cursor}


@router.get(
    "/activities/{activity_id}",
    response={200: ActivityOut, **ERRORS},
    summary="Read an activity",
)
def read_activity(request, activity_id: int):
    return activity_out(services.get_activity_for_user(request.auth, activity_id))


@router.post(
    "/activities/{activity_id}/signup",
    response={201: SignUpOut, **ERRORS},
    summary="Sign up: a place, the waiting list, or waiting for approval",
)
def sign_up(request, activity_id: int):
    activity = services.get_activity_for_user(request.auth, activity_id)
    signup = services.sign_up(user=request.auth, activity=activity)
    return Status(201, signup_out(signup))


@router.delete(
    "/activities/{activity_id}/signup",
    response={200: SignUpOut, **ERRORS},
    summary="Cancel my sign-up (the place goes to the first on the waiting list)",
)
def cancel_signup(request, activity_id: int):
    activity = services.get_activity_for_user(request.auth, activity_id)
    signup = services.cancel_signup(user=request.auth, activity=activity)
    return signup_out(signup)
