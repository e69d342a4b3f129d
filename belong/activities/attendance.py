"""Attendance by QR code: a participant's sign-up shows a code that holds a signed link for
that one activity; the facilitator's phone camera opens it, and a facilitator who runs the
activity marks the participant as present. Signed with Django's signing (SECRET_KEY), with
the activity in the salt, so a code can be neither forged nor used for another activity."""

from __future__ import annotations

import segno
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.activities.models import Activity, SignUp, SignUpStatus
from belong.activities.services import can_manage

# Anything typed into the token part of the address that is not a code of ours is refused
# before the signature is checked: short, and URL-safe characters only.
MAX_TOKEN_LENGTH = 200


def _signer(activity_id: int) -> signing.Signer:
    return signing.Signer(salt=f"belong.activities.attendance:{int(activity_id)}")


def attendance_token(signup: SignUp) -> str:
    """The signed code of one sign-up, valid for its own activity only."""
    return _signer(signup.activity_id).sign(f"{signup.activity_id}.{signup.pk}")


def attendance_path(signup: SignUp) -> str:
    return reverse("activity_attendance_code", args=[signup.activity_id, attendance_token(signup)])


def qr_svg(url: str, *, label: str) -> SafeString:
    """The QR code of `url` as inline SVG, drawn on the server (no script, no service)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=5, border=4, light="#fff", dark="#000", title=label)
    # The title names the picture for screen readers; the markup is segno's own.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def signup_for_code(*, organiser: User, activity: Activity, token: str) -> SignUp:
    """The sign-up a scanned code points to, for a facilitator who runs `activity`; 404 for
    anyone else (they learn nothing about the code). Raises ValidationError, in words for
    the facilitator, for a forged or broken code, one of another activity, or a person
    who no longer has a place."""
    if not can_manage(organiser, activity):
        raise Http404
    refused = ValidationError(
        _("This code is not valid for this activity. Ask the participant to show it again."),
        code="bad_code",
    )
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise refused
    try:
        value = _signer(activity.pk).unsign(token)
    except signing.BadSignature:
        raise refused from None
    activity_part, _dot, signup_part = value.partition(".")
    if activity_part != str(activity.pk) or not signup_part.isdigit():
        raise refused
    signup = (
        SignUp.objects.select_related("user").filter(pk=int(signup_part), activity=activity).first()
    )
    if signup is None:
        raise refused
    if signup.status != SignUpStatus.CONFIRMED:
        raise ValidationError(
            _("%(name)s does not have a place at this activity.")
            % {"name": signup.user.display_name},
            code="no_place",
        )
    return signup


def mark_present_by_code(*, organiser: User, activity: Activity, token: str) -> SignUp:
    """Mark the participant of a scanned code as present; scanning twice changes nothing."""
    signup = signup_for_code(organiser=organiser, activity=activity, token=token)
    if signup.attended is not True:
        SignUp.objects.filter(pk=signup.pk).update(attended=True)
        signup.attended = True
    return signup
