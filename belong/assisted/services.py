"""Assisted sign-up: a staff member, with the citizen present, makes the account and first
post; citizens without e-mail log in with a login name and a personal code."""

from __future__ import annotations

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.text import slugify

from belong.accounts import consents
from belong.accounts.models import AssistedSignup, PersonalCode, User
from belong.accounts.services import check_may_join
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.limits import hit
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.places.models import Postcode
from belong.posts.models import Post
from belong.posts.services import save_post

ASSISTING_ROLES = (StaffRole.Role.IT_SUPPORTER, StaffRole.Role.FACILITATOR)
# No 0/O, 1/I/L: the code is read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:5]}-{raw[5:]}"


def _new_login_name(display_name: str) -> str:
    base = slugify(display_name)[:24] or "borger"
    while True:
        name = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not PersonalCode.objects.filter(login_name=name).exists():
            return name


def may_assist(staff: User, citizen: User) -> bool:
    return citizen.postcode is not None and has_role(
        staff, *ASSISTING_ROLES, municipality=citizen.postcode.municipality_id
    )


def get_assisted_citizen(staff: User, pk: int) -> User:
    """A citizen in one of `staff`'s municipalities, or 404."""
    municipalities = municipalities_for(staff, *ASSISTING_ROLES)
    try:
        # Staff accounts never get personal codes: they sign in with a second factor.
        return User.objects.select_related("postcode__municipality", "personal_code").get(
            pk=pk, postcode__municipality__in=municipalities, is_staff=False, is_superuser=False
        )
    except User.DoesNotExist:
        raise Http404 from None


def assisted_citizens_for(staff: User):
    """The sign-ups made in `staff`'s municipalities, newest first."""
    municipalities = municipalities_for(staff, *ASSISTING_ROLES)
    return (
        AssistedSignup.objects.filter(municipality__in=municipalities)
        .select_related("citizen", "citizen__personal_code", "municipality", "staff")
        .order_by("-consented_at")
    )


def open_guide(*, staff: User, citizen: User) -> None:
    """The guide shows the citizen's login details: logged in the staff-access log."""
    record_staff_access(
        staff=staff,
        subject=citizen,
        action="assisted_guide",
        reason="Printing the citizen's guide with login details",
    )


def _store_code(*, citizen: User, staff: User, code: str) -> PersonalCode:
    personal, created = PersonalCode.objects.get_or_create(
        user=citizen,
        defaults={
            "login_name": _new_login_name(citizen.display_name),
            "code_hash": make_password(code),
            "issued_by": staff,
        },
    )
    if not created:
        personal.code_hash = make_password(code)
        personal.issued_at = clock.now()
        personal.issued_by = staff
        personal.save(update_fields=["code_hash", "issued_at", "issued_by"])
    return personal


@transaction.atomic
def assisted_signup(
    *,
    staff: User,
    display_name: str,
    birth_date: datetime.date,
    gender: str,
    postcode: Postcode,
    email: str | None,
    post_fields: dict,
) -> tuple[User, Post, str]:
    """Create the citizen's account and first post; return them with the personal code,
    which is shown once (only its hash is kept)."""
    if not has_role(staff, *ASSISTING_ROLES, municipality=postcode.municipality_id):
        raise PermissionDenied
    check_may_join(birth_date=birth_date, postcode=postcode)
    citizen = User(
        email=User.objects.normalize_email(email) if email else None,
        display_name=display_name.strip(),
        birth_date=birth_date,
        gender=gender,
        postcode=postcode,
    )
    citizen.set_unusable_password()
    citizen.save()
    if citizen.email:
        # Verified the first time the citizen logs in with a code sent to it.
        EmailAddress.objects.create(user=citizen, email=citizen.email, primary=True)
    AssistedSignup.objects.create(
        citizen=citizen,
        staff=staff,
        municipality=postcode.municipality,
    )
    consents.give(user=citizen, purpose=consents.Purpose.ASSISTED_SIGNUP, via=consents.Via.ASSISTED)
    post = save_post(author=citizen, fields=post_fields, publish=True)
    code = new_code()
    _store_code(citizen=citizen, staff=staff, code=code)
    record_staff_access(
        staff=staff,
        subject=citizen,
        action="assisted_signup",
        reason="Assisted sign-up with the citizen present",
    )
    return citizen, post, code


def issue_personal_code(*, staff: User, citizen: User) -> str:
    """A new personal code for `citizen` (the old one stops working); logged."""
    if not may_assist(staff, citizen) or citizen.is_staff or citizen.is_superuser:
        raise PermissionDenied
    code = new_code()
    _store_code(citizen=citizen, staff=staff, code=code)
    record_staff_access(
        staff=staff,
        subject=citizen,
        action="personal_code",
        reason="New personal login code handed to the citizen",
    )
    return code


def log_in_with_code(*, login_name: str, code: str, limit_key: str) -> User | None:
    """The citizen behind `login_name` when `code` is theirs; rate-limited per address and
    login name together, per login name and (generously) per address, so guessing stops long
    before it could succeed while citizens sharing an address do not stop each other."""
    login_name = login_name.strip().lower()
    hit("code_login_address", limit_key)
    hit("code_login_name", f"name:{login_name}")
    hit("code_login", f"{limit_key}:name:{login_name}")
    personal = PersonalCode.objects.select_related("user").filter(login_name=login_name).first()
    if personal is None or not personal.user.is_active or personal.user.is_staff:
        make_password(code)  # the same time whether or not the name exists
        return None
    if not check_password(normalise_code(code), personal.code_hash):
        return None
    personal.last_used_at = clock.now()
    personal.save(update_fields=["last_used_at"])
    return personal.user
