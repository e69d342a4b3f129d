"""My profile: read it and change it, with the rules of the profile page."""

from __future__ import annotations

import datetime

from ninja import Router

from belong.accounts.forms import ProfileForm
from belong.accounts.services import update_profile
from belong.api.common import ERRORS, Closed, clean_with
from belong.api.fields import About, DisplayName, GenderChoice, Interest, Postcode

router = Router(tags=["profile"])


class ProfileOut(Closed):
    id: int
    email: str
    display_name: str
    birth_date: datetime.date | None
    age_band: str
    is_youth: bool
    gender: str
    postcode: str | None
    municipality: str | None
    about: str
    interests: list[str]


class ProfileIn(Closed):
    """The profile page's fields. The postcode must be one in a municipality that offers
    Belong (422 otherwise)."""

    display_name: DisplayName
    gender: GenderChoice
    postcode: Postcode
    about: About = ""
    interests: list[Interest] = []


def profile_out(user) -> dict:
    postcode = user.postcode if user.postcode_id else None
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "birth_date": user.birth_date,
        "age_band": user.age_band,
        "is_youth": user.is_youth,
        "gender": user.gender,
        "postcode": postcode.code if postcode else None,
        "municipality": postcode.municipality.display_name if postcode else None,
        "about": user.about,
        "interests": user.interests,
    }


@router.get("/me", response={200: ProfileOut, **ERRORS}, summary="My profile")
def my_profile(request):
    return profile_out(request.auth)


@router.put("/me", response={200: ProfileOut, **ERRORS}, summary="Change my profile")
def change_my_profile(request, data: ProfileIn):
    cleaned = clean_with(ProfileForm, data.model_dump(mode="json"))
    user = update_profile(user=request.auth, **cleaned)
    return profile_out(user)
