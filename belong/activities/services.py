"""Activities' operations: creating and changing them, sign-ups with a waitlist that never
overbooks, attendance, the check-in afterwards, reminders and calendars."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.interests import interests_to_mask
from belong.accounts.models import User
from belong.activities.emails import owe_email
from belong.activities.models import (
    Activity,
    ActivityCheckIn,
    ActivityEmail,
    ActivityStatus,
    AgeRange,
    ComeAgain,
    HowItWent,
    SignUp,
    SignUpStatus,
)
from belong.core import clock
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.organisations.models import EDITING_ROLES, Organisation
from belong.organisations.services import is_vetted_contact, role_of, vetted_contacts
from belong.places.models import Municipality

FACILITATOR = StaffRole.Role.FACILITATOR
ACTIVE = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED, SignUpStatus.PENDING)
MAX_SERIES_WEEKS = 12
FIELDS = (
    "title",
    "description",
    "postcode",
    "place",
    "online",
    "online_link",
    "step_free",
    "hearing_loop",
    "quiet_space",
    "accessibility_notes",
    "starts_at",
    "ends_at",
    "capacity",
    "needs_approval",
    "age_range",
)


# --- Who sees and who runs an activity ---------------------------------------------------------


def age_ranges_for(user: User) -> tuple[str, ...]:
    """Young people see youth activities and those for all ages; adults never see where
    and when young people alone meet. A visitor who is not signed in (the municipality's
    public page, its newsletter) sees what an adult sees."""
    if user.is_authenticated and user.is_youth:
        return (AgeRange.YOUTH, AgeRange.ALL)
    return (AgeRange.ADULT, AgeRange.ALL)


def visible_activities(viewer: User) -> QuerySet[Activity]:
    return Activity.objects.for_listing().filter(age_range__in=age_ranges_for(viewer))


def upcoming_activities(
    *,
    viewer: User,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
    interest: str = "",
    text: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Activity]:
    """The listing's one queryset: planned, not yet over, soonest first; `text`: every
    word in the title or description (the post search's words)."""
    now = now or clock.now()
    queryset = visible_activities(viewer).filter(status=ActivityStatus.SCHEDULED, ends_at__gt=now)
    # PostgreSQL takes no NUL in a text; nobody types one on purpose.
    for word in (text or "").replace("\x00", "").split()[:8]:
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if municipality is not None:
        queryset = queryset.filter(Q(municipality=municipality) | Q(online=True))
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if interest:
        mask = interests_to_mask([interest])
        if mask:
            queryset = queryset.alias(shared=F("interest_mask").bitand(mask)).filter(shared__gt=0)
    return queryset.order_by("starts_at", "pk")


def can_manage(user: User, activity: Activity) -> bool:
    """The facilitator who runs it, or the organisation's owners and editors; where young
    people take part, only the organisation's adult contacts vetted by staff."""
    if not user.is_authenticated:
        return False
    if activity.facilitator_id is not None:
        return activity.facilitator_id == user.pk
    organisation = activity.organisation
    if organisation is None or role_of(user, organisation) not in EDITING_ROLES:
        return False
    if activity.age_range != AgeRange.ADULT:
        return is_vetted_contact(user, organisation)
    return True


def get_activity_for_user(user: User, pk: int) -> Activity:
    """An activity `user` may see (or runs), else 404."""
    try:
        activity = Activity.objects.for_listing().get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if activity.age_range in age_ranges_for(user) or can_manage(user, activity):
        return activity
    raise Http404


def get_activity_for_organiser(user: User, pk: int) -> Activity:
    activity = get_activity_for_user(user, pk)
    if not can_manage(user, activity):
        raise Http404
    return activity


def managed_activities(user: User) -> list[Activity]:
    candidates = (
        Activity.objects.for_listing()
        .filter(
            Q(facilitator=user)
            | Q(
                organisation__memberships__user=user,
                organisation__memberships__role__in=EDITING_ROLES,
            )
        )
        .distinct()
        .order_by("-starts_at")[:100]
    )
    return [activity for activity in candidates if can_manage(user, activity)]


def places_left(activity: Activity) -> int:
    taken = getattr(activity, "taken", None)
    if taken is None:
        taken = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
    return max(activity.capacity - taken, 0)


# --- Creating and changing ---------------------------------------------------------------------


def organiser_choices(user: User) -> tuple[list[Organisation], list[Municipality]]:
    """The organisations `user` may run activities for, and the municipalities where they
    are a facilitator."""
    organisations = list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=EDITING_ROLES
        ).order_by("name")
    )
    municipalities = list(municipalities_for(user, FACILITATOR)) if user.is_staff else []
    return organisations, municipalities


def _check_fields(fields: dict, organisation: Organisation | None) -> None:
    if fields["ends_at"] <= fields["starts_at"]:
        raise ValidationError(_("The activity must end after it starts."), code="invalid")
    if not fields.get("online") and not (fields.get("place") or "").strip():
        raise ValidationError(_("Write where you meet, or choose online."), code="invalid")
    if fields.get("online") and not fields.get("online_link") and not fields.get("place"):
        raise ValidationError(_("Write the link to the online meeting."), code="invalid")
    if organisation is not None and fields["age_range"] != AgeRange.ADULT:
        if not organisation.welcomes_minors or not vetted_contacts(organisation):
            raise ValidationError(
                _(
                    "Activities for young people need adult contacts checked by the "
                    "municipality. Name them under Members and apply for verification."
                ),
                code="refused",
            )


def _apply(activity: Activity, fields: dict) -> None:
    for name in FIELDS:
        if name in fields:
            value = fields[name]
            if value is None and name not in ("postcode",):
                value = ""
            setattr(activity, name, value)
    if "interests" in fields:
        activity.interest_mask = interests_to_mask(fields["interests"] or [])


def create_activity(
    *,
    organiser: User,
    fields: dict,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    repeat_weeks: int = 0,
) -> list[Activity]:
    """For an organisation (its owner or editor) or, as a facilitator, in a municipality.
    With `repeat_weeks`, the same activity weekly after the first, as one series."""
    if organisation is not None:
        if role_of(organiser, organisation) not in EDITING_ROLES:
            raise Http404
        municipality = organisation.municipality
    elif municipality is None or not has_role(organiser, FACILITATOR, municipality=municipality):
        raise ValidationError(
            _("Choose an organisation, or a municipality where you are a facilitator."),
            code="refused",
        )
    _check_fields(fields, organisation)
    repeat_weeks = max(0, min(int(repeat_weeks or 0), MAX_SERIES_WEEKS))
    series = uuid.uuid4() if repeat_weeks else None
    made = []
    with transaction.atomic():
        for week in range(repeat_weeks + 1):
            activity = Activity(
                organisation=organisation,
                facilitator=None if organisation is not None else organiser,
                created_by=organiser,
                municipality=municipality,
                series=series,
            )
            _apply(activity, fields)
            shift = datetime.timedelta(weeks=week)
            activity.starts_at = fields["starts_at"] + shift
            activity.ends_at = fields["ends_at"] + shift
            activity.save()
            made.append(activity)
    return made


def _tell_everyone(activity: Activity, kind: str, *, key: str) -> int:
    signups = SignUp.objects.filter(activity=activity, status__in=ACTIVE).values_list(
        "user_id", flat=True
    )
    for user_id in signups:
        owe_email(kind, user_id, activity, key=key)
    return len(signups)


def update_activity(*, organiser: User, activity: Activity, fields: dict) -> Activity:
    """Change an activity; everyone signed up is told."""
    if not can_manage(organiser, activity):
        raise Http404
    if activity.is_cancelled:
        raise ValidationError(_("The activity is cancelled."), code="refused")
    merged = {name: getattr(activity, name) for name in FIELDS} | fields
    _check_fields(merged, activity.organisation)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        capacity_before = locked.capacity
        _apply(locked, fields)
        locked.sequence += 1
        locked.updated_at = clock.now()
        locked.save()
        if locked.capacity > capacity_before:
            _promote(locked, now=locked.updated_at)
        _tell_everyone(locked, ActivityEmail.Kind.CHANGED, key=f"v{locked.sequence}")
    return locked


def cancel_activity(*, organiser: User, activity: Activity) -> Activity:
    """Cancel it; everyone signed up is told."""
    if not can_manage(organiser, activity):
        raise Http404
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if locked.is_cancelled:
            return locked
        locked.status = ActivityStatus.CANCELLED
        locked.sequence += 1
        locked.updated_at = clock.now()
        locked.save()
        _tell_everyone(locked, ActivityEmail.Kind.CANCELLED, key="cancelled")
    return locked


# --- Signing up ----------------------------------------------------------------------------------


def signup_refusal(user: User, activity: Activity, *, now: datetime.datetime) -> str | None:
    if activity.is_cancelled:
        return _("The activity is cancelled.")
    if activity.starts_at <= now:
        return _("The activity has already started.")
    if user.is_restricted(now):
        return _("Your account is paused.")
    if activity.age_range == AgeRange.YOUTH and not user.is_youth:
        return _("This activity is for young people from 13 to 17.")
    if activity.age_range == AgeRange.ADULT and user.is_youth:
        return _("This activity is for adults.")
    return None


def sign_up(*, user: User, activity: Activity, now: datetime.datetime | None = None) -> SignUp:
    """First come, first served. The activity's row is locked while places are counted
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite's immediate transactions let one writer
    in at a time), so however many sign up at once, no more than `capacity` get a place."""
    now = now or clock.now()
    if activity.age_range not in age_ranges_for(user):
        raise Http404
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        refusal = signup_refusal(user, locked, now=now)
        if refusal:
            raise ValidationError(refusal, code="refused")
        signup = SignUp.objects.filter(activity=locked, user=user).first()
        if signup is not None and signup.status in ACTIVE:
            return signup
        if locked.needs_approval:
            status = SignUpStatus.PENDING
        else:
            taken = SignUp.objects.filter(activity=locked, status=SignUpStatus.CONFIRMED).count()
            status = SignUpStatus.CONFIRMED if taken < locked.capacity else SignUpStatus.WAITLISTED
        if signup is None:
            signup = SignUp.objects.create(activity=locked, user=user, status=status, queued_at=now)
        else:
            # Back after cancelling: at the end of the queue, as anyone new.
            signup.status = status
            signup.queued_at = now
            signup.cancelled_at = None
            signup.promoted_at = None
            signup.save()
    return signup


def _promote(activity: Activity, *, now: datetime.datetime) -> list[SignUp]:
    """Fill free places from the waitlist in order; each promoted person is told. Call
    with the activity's row locked."""
    taken = SignUp.objects.filter(activity=activity, status=SignUpStatus.CONFIRMED).count()
    free = activity.capacity - taken
    if free <= 0 or activity.is_cancelled:
        return []
    waiting = list(
        SignUp.objects.filter(activity=activity, status=SignUpStatus.WAITLISTED).order_by(
            "queued_at", "pk"
        )[:free]
    )
    for signup in waiting:
        signup.status = SignUpStatus.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        owe_email(ActivityEmail.Kind.PROMOTED, signup.user_id, activity, key=str(signup.pk))
    return waiting


def cancel_signup(
    *, user: User, activity: Activity, now: datetime.datetime | None = None
) -> SignUp:
    """Cancelling frees the place for the first on the waitlist."""
    now = now or clock.now()
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        signup = SignUp.objects.filter(activity=locked, user=user, status__in=ACTIVE).first()
        if signup is None:
            raise ValidationError(_("You are not signed up for this activity."), code="refused")
        had_place = signup.status == SignUpStatus.CONFIRMED
        signup.status = SignUpStatus.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        if had_place:
            _promote(locked, now=now)
    return signup


def signup_of(user: User, activity: Activity) -> SignUp | None:
    return SignUp.objects.filter(activity=activity, user=user).first()


def waitlist_position(signup: SignUp) -> int | None:
    if signup.status != SignUpStatus.WAITLISTED:
        return None
    ahead = SignUp.objects.filter(
        activity_id=signup.activity_id, status=SignUpStatus.WAITLISTED
    ).filter(Q(queued_at__lt=signup.queued_at) | Q(queued_at=signup.queued_at, pk__lt=signup.pk))
    return ahead.count() + 1


def decide_signup(*, organiser: User, signup: SignUp, approve: bool) -> SignUp:
    """For activities with approval: a place (or the waitlist) or a kind no."""
    activity = signup.activity
    if not can_manage(organiser, activity):
        raise Http404
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        signup.refresh_from_db()
        if signup.status != SignUpStatus.PENDING:
            return signup
        if not approve:
            signup.status = SignUpStatus.CANCELLED
            signup.cancelled_at = clock.now()
        else:
            taken = SignUp.objects.filter(activity=locked, status=SignUpStatus.CONFIRMED).count()
            signup.status = (
                SignUpStatus.CONFIRMED if taken < locked.capacity else SignUpStatus.WAITLISTED
            )
        signup.save()
    return signup


def my_signups(user: User, *, now: datetime.datetime | None = None) -> list[SignUp]:
    now = now or clock.now()
    return list(
        SignUp.objects.filter(user=user, status__in=ACTIVE)
        .filter(activity__ends_at__gt=now - datetime.timedelta(days=14))
        .select_related("activity__organisation", "activity__municipality", "checkin")
        .order_by("activity__starts_at")
    )


# --- Attendance and the check-in -------------------------------------------------------------


def participants(*, organiser: User, activity: Activity) -> list[SignUp]:
    if not can_manage(organiser, activity):
        raise Http404
    return list(
        SignUp.objects.filter(activity=activity, status__in=ACTIVE)
        .select_related("user")
        .order_by("status", "queued_at", "pk")
    )


def record_attendance(*, organiser: User, activity: Activity, present_ids: set[int]) -> int:
    """Mark who came among those with a place; everyone else with a place did not."""
    if not can_manage(organiser, activity):
        raise Http404
    confirmed = SignUp.objects.filter(activity=activity, status=SignUpStatus.CONFIRMED)
    with transaction.atomic():
        came = confirmed.filter(pk__in=present_ids).update(attended=True)
        confirmed.exclude(pk__in=present_ids).update(attended=False)
    return came


def check_in(
    *,
    user: User,
    activity: Activity,
    how_it_went: str,
    come_again: str,
    now: datetime.datetime | None = None,
) -> ActivityCheckIn:
    """The participant's private answer after the activity, for statistics only."""
    now = now or clock.now()
    signup = SignUp.objects.filter(
        activity=activity, user=user, status=SignUpStatus.CONFIRMED
    ).first()
    if signup is None:
        raise Http404
    if activity.starts_at > now:
        raise ValidationError(_("You can tell us how it went after the activity."), code="refused")
    if how_it_went not in HowItWent.values or come_again not in ComeAgain.values:
        raise ValidationError(_("Choose an answer."), code="invalid")
    checkin, _created = ActivityCheckIn.objects.update_or_create(
        signup=signup,
        defaults={"how_it_went": how_it_went, "come_again": come_again, "answered_at": now},
    )
    return checkin
