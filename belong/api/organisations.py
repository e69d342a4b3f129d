"""Organisations: find and read them, create and change one's own, follow, apply for
verification. The same services and forms as the pages."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from django.urls import reverse
from ninja import Router, Status

from belong.api.common import (
    ERRORS,
    KEYSET_CURSOR_PARAM,
    LIMIT,
    Closed,
    clean_with,
    keyset_page,
    schema_from_form,
)
from belong.organisations import listing, services
from belong.organisations.forms import ApplicationForm, OrganisationForm
from belong.organisations.models import Organisation

router = Router(tags=["organisations"])

KindChoice = Literal["club", "association", "volunteers", "municipal"]
AgesChoice = Literal["adults", "youth", "all"]


class OrganisationOut(Closed):
    id: int
    name: str
    kind: str
    description: str
    interests: list[str]
    ages: str
    municipality: str
    address: str
    contact_email: str
    contact_phone: str
    website: str
    logo_url: str | None
    verified: bool
    verified_by: str | None
    verified_at: datetime.datetime | None
    followers: int
    my_role: str | None
    following: bool
    created_at: datetime.datetime


class OrganisationPage(Closed):
    items: list[OrganisationOut]
    next_cursor: str | None


class _OrganisationFields(OrganisationForm):
    # The logo is sent as a file on the pages; the API takes the profile's text. Django
    # removes a field that a subclass sets to None.
    logo = None  # type: ignore[assignment]


# An organisation's profile as the organisation form takes it, with the form's limits
# stated. The form validates it (`clean_with`).
if TYPE_CHECKING:

    class OrganisationIn(Closed):
        """For the type checker: the schema built below."""

    class ApplicationIn(Closed):
        """For the type checker: the schema built below."""

        note: str

else:
    OrganisationIn = schema_from_form(
        _OrganisationFields,
        name="OrganisationIn",
        doc="An organisation's profile as the organisation form takes it. `postcode` must lie "
        "in a municipality that offers Belong, `contact_email` must be an e-mail address and "
        "`website` a web address (422 otherwise).",
    )
    ApplicationIn = schema_from_form(ApplicationForm, name="ApplicationIn")


class ApplicationOut(Closed):
    id: int
    status: str
    applied_at: datetime.datetime


def organisation_out(organisation: Organisation, viewer, *, role=None, following=None) -> dict:
    verified_by = organisation.verified_by_municipality
    followers = getattr(organisation, "follower_count", None)
    if followers is None:
        followers = organisation.follows.count()
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "description": organisation.description,
        "interests": organisation.interests,
        "ages": organisation.ages,
        "municipality": organisation.municipality.display_name,
        "address": organisation.address,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "website": organisation.website,
        "logo_url": reverse("organisation_logo", args=[organisation.pk])
        if organisation.shows_logo
        else None,
        "verified": organisation.is_verified,
        "verified_by": verified_by.display_name if verified_by else None,
        "verified_at": organisation.verified_at,
        "followers": followers,
        "my_role": role,
        "following": bool(following),
        "created_at": organisation.created_at,
    }


def _detail(organisation: Organisation, viewer) -> dict:
    organisation = services.get_organisation(organisation.pk)
    return organisation_out(
        organisation,
        viewer,
        role=services.role_of(viewer, organisation),
        following=services.is_following(viewer, organisation),
    )


@router.get(
    "/organisations",
    response={200: OrganisationPage, **ERRORS},
    summary="Find organisations",
)
def list_organisations(
    request,
    q: str = "",
    interest: str = "",
    ages: AgesChoice | None = None,
    verified: bool = False,
    everywhere: bool = False,
    cursor: str | None = KEYSET_CURSOR_PARAM,
    limit: int = LIMIT,
):
    user = request.auth
    queryset = listing.find_organisations(
        viewer=user,
        text=q[:100],
        interest=interest[:40],
        municipality=None if everywhere else user.municipality,
        verified_only=verified,
        ages=ages or "",
    )
    rows, next_cursor = keyset_page(queryset, cursor=cursor, limit=limit, time_field="created_at")
    return {"items": [organisation_out(o, user) for o in rows], "next_cursor": next_cursor}


@router.post(
    "/organisations",
    response={201: OrganisationOut, **ERRORS},
    summary="Create an organisation (you become its owner)",
)
def create_organisation(request, data: OrganisationIn):
    cleaned = clean_with(OrganisationForm, data.model_dump())
    cleaned.pop("logo", None)
    organisation = services.create_organisation(creator=request.auth, fields=cleaned)
    return Status(201, _detail(organisation, request.auth))


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    summary="Read an organisation",
)
def read_organisation(request, organisation_id: int):
    return _detail(services.get_organisation(organisation_id), request.auth)


@router.put(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    summary="Change an organisation you own or edit",
)
def change_organisation(request, organisation_id: int, data: OrganisationIn):
    organisation = services.get_organisation_for_editor(request.auth, organisation_id)
    cleaned = clean_with(OrganisationForm, data.model_dump())
    cleaned.pop("logo", None)
    services.update_organisation(editor=request.auth, organisation=organisation, fields=cleaned)
    return _detail(organisation, request.auth)


@router.post(
    "/organisations/{organisation_id}/follow",
    response={200: OrganisationOut, **ERRORS},
    summary="Follow an organisation",
)
def follow(request, organisation_id: int):
    organisation = services.get_organisation(organisation_id)
    services.follow(user=request.auth, organisation=organisation)
    return _detail(organisation, request.auth)


@router.delete(
    "/organisations/{organisation_id}/follow",
    response={200: OrganisationOut, **ERRORS},
    summary="Stop following an organisation",
)
def unfollow(request, organisation_id: int):
    organisation = services.get_organisation(organisation_id)
    services.unfollow(user=request.auth, organisation=organisation)
    return _detail(organisation, request.auth)


@router.post(
    "/organisations/{organisation_id}/verification",
    response={201: ApplicationOut, **ERRORS},
    summary="Apply to the municipality for verification",
)
def apply(request, organisation_id: int, data: ApplicationIn):
    organisation = services.get_organisation_for_editor(request.auth, organisation_id)
    application = services.apply_for_verification(
        applicant=request.auth, organisation=organisation, note=data.note[:1000]
    )
    return Status(
        201,
        {"id": application.pk, "status": application.status, "applied_at": application.applied_at},
    )
