"""Organisations' operations: profiles, members, followers, adult contacts, and the
municipality's verification. Pages, the API and the demo all call these."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.interests import interests_to_mask
from belong.accounts.models import User
from belong.core import clock
from belong.core.access_log import record_staff_access
from belong.core.images import clean_image, delete_image, store_image
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.organisations.models import (
    EDITING_ROLES,
    AdultContact,
    Decision,
    Follow,
    LogEntry,
    Membership,
    Organisation,
    Role,
    VerificationApplication,
)
from belong.safety.contact import contact_refusal

# Staff who decide on verification and adult contacts in their municipality.
VERIFYING_ROLES = (StaffRole.Role.ADMINISTRATOR, StaffRole.Role.MODERATOR)
PROFILE_FIELDS = (
    "name",
    "kind",
    "description",
    "postcode",
    "address",
    "contact_email",
    "contact_phone",
    "website",
    "ages",
)


# --- Fetchers: someone else's id is a 404 -----------------------------------------------------


def get_organisation(pk: int) -> Organisation:
    """An organisation's public profile: anyone signed in may read it."""
    try:
        return Organisation.objects.for_listing().get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def role_of(user: User, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(organisation=organisation, user=user)
        .values_list("role", flat=True)
        .first()
    )


def get_organisation_for_editor(user: User, pk: int) -> Organisation:
    """The organisation if `user` is its owner or editor, else 404."""
    organisation = get_organisation(pk)
    if role_of(user, organisation) not in EDITING_ROLES:
        raise Http404
    return organisation


def editable_organisations(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=EDITING_ROLES
    ).order_by("name")


def my_organisations(user: User) -> tuple[list[Membership], list[Organisation]]:
    """The organisations `user` is a member of (with the role) and the ones they follow."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation__municipality")
        .order_by("organisation__name")
    )
    followed = list(
        Organisation.objects.filter(follows__user=user)
        .select_related("municipality")
        .order_by("name")
    )
    return memberships, followed


# --- Profiles ----------------------------------------------------------------------------------


def _apply_fields(organisation: Organisation, fields: dict) -> None:
    for name in PROFILE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(organisation, name, "" if value is None and name != "postcode" else value)
    if fields.get("postcode") is not None:
        # The organisation belongs to the municipality of its postcode.
        organisation.municipality = fields["postcode"].municipality
    if "interests" in fields:
        organisation.interest_mask = interests_to_mask(fields["interests"] or [])


def _set_logo(organisation: Organisation, upload) -> None:
    image = clean_image(upload)  # raises ValidationError for hostile or broken files
    old = organisation.logo
    organisation.logo = store_image(image, folder="logos")
    organisation.logo_hidden_at = None
    if old:
        transaction.on_commit(lambda: delete_image(old))


def create_organisation(*, creator: User, fields: dict, logo=None) -> Organisation:
    """`creator` becomes the owner. Only adults start an organisation."""
    if creator.is_youth:
        raise ValidationError(_("An adult must create the organisation."), code="refused")
    with transaction.atomic():
        organisation = Organisation()
        _apply_fields(organisation, fields)
        if logo:
            _set_logo(organisation, logo)
        organisation.save()
        Membership.objects.create(organisation=organisation, user=creator, role=Role.OWNER)
    return organisation


def update_organisation(
    *, editor: User, organisation: Organisation, fields: dict, logo=None, remove_logo=False
) -> Organisation:
    if role_of(editor, organisation) not in EDITING_ROLES:
        raise Http404
    before = organisation.municipality_id
    with transaction.atomic():
        _apply_fields(organisation, fields)
        if logo:
            _set_logo(organisation, logo)
        elif remove_logo and organisation.logo:
            old = organisation.logo
            organisation.logo = ""
            transaction.on_commit(lambda: delete_image(old))
        if organisation.municipality_id != before and organisation.verified_at:
            # The badge names the municipality that checked the organisation.
            organisation.verified_at = None
            organisation.verified_by_municipality = None
        organisation.updated_at = clock.now()
        organisation.save()
    return organisation


def logo_for_viewer(viewer: User, pk: int) -> Organisation:
    """The organisation whose logo may be shown, else 404 (none, or removed by staff)."""
    organisation = get_organisation(pk)
    if not organisation.shows_logo:
        raise Http404
    return organisation


# --- Followers and members ------------------------------------------------------------------


def follow(*, user: User, organisation: Organisation) -> Follow:
    row, _created = Follow.objects.get_or_create(user=user, organisation=organisation)
    return row


def unfollow(*, user: User, organisation: Organisation) -> None:
    Follow.objects.filter(user=user, organisation=organisation).delete()


def is_following(user: User, organisation: Organisation) -> bool:
    return Follow.objects.filter(user=user, organisation=organisation).exists()


def add_member(
    *, editor: User, organisation: Organisation, email: str, role: str = Role.MEMBER
) -> Membership:
    """An owner or editor adds a person who already has an account, by e-mail. Only an
    owner makes owners or editors; minors join only organisations that welcome them."""
    editor_role = role_of(editor, organisation)
    if editor_role not in EDITING_ROLES:
        raise Http404
    if role not in Role.values:
        raise ValidationError(_("Choose a role."), code="invalid")
    if role != Role.MEMBER and editor_role != Role.OWNER:
        raise ValidationError(_("Only an owner can give this role."), code="refused")
    person = User.objects.filter(email__iexact=(email or "").strip()).first()
    if person is None:
        raise ValidationError(
            _("We found nobody with that e-mail address on Belong."), code="not_found"
        )
    if person.is_youth and not organisation.welcomes_minors:
        raise ValidationError(
            _("This organisation is for adults. A young person cannot be a member."),
            code="refused",
        )
    if person.is_youth and role != Role.MEMBER:
        raise ValidationError(_("Only adults can be owners or editors."), code="refused")
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=person, defaults={"role": role}
    )
    if not created and membership.role != role and membership.role != Role.OWNER:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def members_visible_to(viewer: User, organisation: Organisation) -> list[Membership]:
    """The member list as `viewer` may see it: an adult sees a minor only as a vetted
    adult contact of the organisation, and never as someone they could write to
    privately (the contact rule about people decides)."""
    rows = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__display_name")
    )
    vetted = is_vetted_contact(viewer, organisation)
    shown = []
    for membership in rows:
        person = membership.user
        if person.pk == viewer.pk:
            shown.append(membership)
            continue
        # Only across the age line does the rule refuse by age alone (no query); people
        # of one age group see each other as fellow members.
        if person.is_youth != viewer.is_youth and not vetted:
            if contact_refusal(viewer, person):
                continue
        shown.append(membership)
    return shown


# --- Adult contacts ----------------------------------------------------------------------------


def is_vetted_contact(user: User, organisation: Organisation) -> bool:
    return AdultContact.objects.filter(
        organisation=organisation, user=user, status=Decision.APPROVED
    ).exists()


def vetted_contacts(organisation: Organisation) -> list[User]:
    return [
        contact.user
        for contact in AdultContact.objects.filter(
            organisation=organisation, status=Decision.APPROVED
        ).select_related("user")
    ]


def propose_adult_contact(
    *, editor: User, organisation: Organisation, member: User
) -> AdultContact:
    if role_of(editor, organisation) not in EDITING_ROLES:
        raise Http404
    if not organisation.welcomes_minors:
        raise ValidationError(
            _("Only organisations that welcome young people name adult contacts."),
            code="refused",
        )
    if role_of(member, organisation) is None:
        raise ValidationError(_("The adult contact must be a member."), code="refused")
    if member.is_youth or member.age() is None:
        raise ValidationError(_("An adult contact must be an adult."), code="refused")
    contact, created = AdultContact.objects.get_or_create(organisation=organisation, user=member)
    if not created and contact.status == Decision.REFUSED:
        contact.status = Decision.PENDING
        contact.decided_at = None
        contact.decided_by = None
        contact.proposed_at = clock.now()
        contact.save()
    return contact


# --- Verification -------------------------------------------------------------------------------


def apply_for_verification(
    *, applicant: User, organisation: Organisation, note: str = ""
) -> VerificationApplication:
    if role_of(applicant, organisation) not in EDITING_ROLES:
        raise Http404
    if organisation.is_verified:
        raise ValidationError(_("The organisation is already verified."), code="refused")
    if (
        organisation.welcomes_minors
        and not AdultContact.objects.filter(organisation=organisation)
        .exclude(status=Decision.REFUSED)
        .exists()
    ):
        raise ValidationError(
            _(
                "An organisation that welcomes young people must name at least one adult "
                "contact first."
            ),
            code="refused",
        )
    try:
        with transaction.atomic():
            application = VerificationApplication.objects.create(
                organisation=organisation, applied_by=applicant, note=(note or "").strip()
            )
            LogEntry.objects.create(
                organisation=organisation, actor=applicant, kind=LogEntry.Kind.APPLIED
            )
    except IntegrityError:
        raise ValidationError(
            _("Your application is already with the municipality."), code="refused"
        ) from None
    return application


def pending_application(organisation: Organisation) -> VerificationApplication | None:
    return organisation.applications.filter(status=Decision.PENDING).first()


def verification_queue_for(staff: User) -> QuerySet[VerificationApplication]:
    """Waiting applications in the municipalities where `staff` verifies, oldest first."""
    return (
        VerificationApplication.objects.filter(
            status=Decision.PENDING,
            organisation__municipality__in=municipalities_for(staff, *VERIFYING_ROLES),
        )
        .select_related("organisation__municipality")
        .order_by("applied_at", "pk")
    )


def get_application_for_staff(staff: User, pk: int) -> VerificationApplication:
    try:
        application = VerificationApplication.objects.select_related(
            "organisation__municipality", "applied_by"
        ).get(pk=pk)
    except (VerificationApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not has_role(staff, *VERIFYING_ROLES, municipality=application.organisation.municipality_id):
        raise Http404
    return application


def read_application(*, staff: User, application: VerificationApplication) -> dict:
    """What staff see to decide: the organisation, its owners and its adult contacts.
    Opening it is written to the staff-access log for each person shown."""
    organisation = application.organisation
    owners = list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.OWNER
        ).order_by("display_name")
    )
    contacts = list(
        AdultContact.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("proposed_at", "pk")
    )
    for person in [*owners, *(c.user for c in contacts)]:
        record_staff_access(
            staff=staff,
            subject=person,
            action="organisation_application",
            reason=f"Verification of organisation {organisation.pk}",
            municipality=organisation.municipality,
        )
    return {"owners": owners, "contacts": contacts, "log": list(organisation.log.all()[:20])}


def decide_adult_contact(
    *, staff: User, contact: AdultContact, approve: bool, now: datetime.datetime | None = None
) -> AdultContact:
    if not has_role(staff, *VERIFYING_ROLES, municipality=contact.organisation.municipality_id):
        raise Http404
    now = now or clock.now()
    with transaction.atomic():
        contact.status = Decision.APPROVED if approve else Decision.REFUSED
        contact.decided_at = now
        contact.decided_by = staff
        contact.save()
        LogEntry.objects.create(
            organisation=contact.organisation,
            actor=staff,
            kind=LogEntry.Kind.CONTACT_APPROVED if approve else LogEntry.Kind.CONTACT_REFUSED,
            reason=f"{contact.user.display_name} (#{contact.user_id})",
            created_at=now,
        )
    return contact


def may_verify(staff: User, organisation: Organisation) -> bool:
    return (
        staff.is_authenticated
        and staff.is_staff
        and has_role(staff, *VERIFYING_ROLES, municipality=organisation.municipality_id)
    )


def get_organisation_for_staff(staff: User, pk: int) -> Organisation:
    """An organisation in a municipality where `staff` verifies, else 404."""
    organisation = get_organisation(pk)
    if not has_role(staff, *VERIFYING_ROLES, municipality=organisation.municipality_id):
        raise Http404
    return organisation


def get_contact_for_staff(staff: User, pk: int) -> AdultContact:
    try:
        contact = AdultContact.objects.select_related("organisation", "user").get(pk=pk)
    except (AdultContact.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not has_role(staff, *VERIFYING_ROLES, municipality=contact.organisation.municipality_id):
        raise Http404
    return contact


def decide_application(
    *,
    staff: User,
    application: VerificationApplication,
    approve: bool,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> VerificationApplication:
    """Approve or refuse, with a reason (needed to refuse) and a log entry."""
    organisation = application.organisation
    if not has_role(staff, *VERIFYING_ROLES, municipality=organisation.municipality_id):
        raise Http404
    if application.status != Decision.PENDING:
        raise ValidationError(_("This application has already been decided."), code="refused")
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError(_("Write why, so the organisation can put it right."))
    if approve and organisation.welcomes_minors:
        contacts = AdultContact.objects.filter(organisation=organisation)
        if contacts.filter(status=Decision.PENDING).exists():
            raise ValidationError(_("Decide on the adult contacts first."), code="refused")
        if not contacts.filter(status=Decision.APPROVED).exists():
            raise ValidationError(
                _("An organisation for young people needs an approved adult contact."),
                code="refused",
            )
    now = now or clock.now()
    with transaction.atomic():
        application.status = Decision.APPROVED if approve else Decision.REFUSED
        application.decided_by = staff
        application.decided_at = now
        application.reason = reason
        application.save()
        if approve:
            Organisation.objects.filter(pk=organisation.pk).update(
                verified_at=now, verified_by_municipality=organisation.municipality
            )
            organisation.verified_at = now
            organisation.verified_by_municipality = organisation.municipality
        LogEntry.objects.create(
            organisation=organisation,
            actor=staff,
            kind=LogEntry.Kind.APPROVED if approve else LogEntry.Kind.REFUSED,
            reason=reason,
            created_at=now,
        )
    return application


def remove_logo(*, staff: User, organisation: Organisation, reason: str) -> Organisation:
    """A moderator takes down a logo, as they hide a post: kept, but shown to nobody."""
    if not has_role(staff, *VERIFYING_ROLES, municipality=organisation.municipality_id):
        raise Http404
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write why, so the organisation can put it right."))
    now = clock.now()
    with transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(logo_hidden_at=now)
        organisation.logo_hidden_at = now
        LogEntry.objects.create(
            organisation=organisation,
            actor=staff,
            kind=LogEntry.Kind.LOGO_REMOVED,
            reason=reason,
            created_at=now,
        )
    return organisation
