"""Staff roles: granting them, taking them away (both logged), and asking who may act where."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.municipalities.models import StaffRole, StaffRoleChange
from belong.places.models import Municipality

Role = StaffRole.Role
ADULT_AGE = 18


@transaction.atomic
def grant_role(
    *, granted_by: User | None, user: User, municipality: Municipality, role: str
) -> StaffRole:
    """Give `user` `role` in `municipality` (once); the grant is written to the role log."""
    staff_role, created = StaffRole.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"granted_by": granted_by}
    )
    if created:
        StaffRoleChange.objects.create(
            municipality=municipality,
            user=user,
            role=role,
            change=StaffRoleChange.Change.GRANTED,
            changed_by=granted_by,
        )
    if not user.is_staff:
        # Django's flag opens nothing by itself; it marks the account as one that needs
        # a second factor and may see staff pages at all.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return staff_role


@transaction.atomic
def revoke_role(
    *, user: User, municipality: Municipality, role: str, revoked_by: User | None = None
) -> bool:
    """Take `role` in `municipality` away from `user`; the removal is written to the role log.

    An account left with no role anywhere is no longer a staff account."""
    deleted, _rows = StaffRole.objects.filter(
        user=user, municipality=municipality, role=role
    ).delete()
    if not deleted:
        return False
    StaffRoleChange.objects.create(
        municipality=municipality,
        user=user,
        role=role,
        change=StaffRoleChange.Change.REMOVED,
        changed_by=revoked_by,
    )
    if user.is_staff and not user.is_superuser and not user.staff_roles.exists():
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    return True


def administered_municipality(administrator: User, pk: int) -> Municipality:
    """The municipality `pk`, if `administrator` administers it; else 404."""
    municipality = municipalities_for(administrator, Role.ADMINISTRATOR).filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


def grant_role_as_administrator(
    *, administrator: User, municipality: Municipality, email: str, role: str
) -> StaffRole:
    """An administrator gives someone with an account a role in their own municipality.

    Raises ValidationError (in the reader's language) when nobody has that e-mail, when the
    person is under 18, or when they hold the role already."""
    administered_municipality(administrator, municipality.pk)
    if role not in Role.values:
        raise ValidationError(_("Please choose a role."), code="role")
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("Nobody has an account with that e-mail. Ask them to sign up first."),
            code="no_account",
        )
    age = user.age()
    if age is None or age < ADULT_AGE:
        raise ValidationError(_("Staff roles are only for adults."), code="minor")
    if StaffRole.objects.filter(user=user, municipality=municipality, role=role).exists():
        raise ValidationError(_("They already have that role here."), code="held")
    return grant_role(granted_by=administrator, user=user, municipality=municipality, role=role)


def get_staff_role_for_administrator(administrator: User, pk: int) -> StaffRole:
    """A role held in a municipality `administrator` administers; else 404."""
    staff_role = (
        StaffRole.objects.select_related("user", "municipality")
        .filter(pk=pk, municipality__in=municipalities_for(administrator, Role.ADMINISTRATOR))
        .first()
    )
    if staff_role is None:
        raise Http404
    return staff_role


def remove_role_as_administrator(*, administrator: User, staff_role: StaffRole) -> None:
    """Take a role away; the municipality keeps at least one administrator."""
    administered_municipality(administrator, staff_role.municipality_id)
    if (
        staff_role.role == Role.ADMINISTRATOR
        and StaffRole.objects.filter(
            municipality_id=staff_role.municipality_id, role=Role.ADMINISTRATOR
        ).count()
        <= 1
    ):
        raise ValidationError(
            _(
                "The municipality must keep at least one administrator. Give the role to "
                "someone else first."
            ),
            code="last_administrator",
        )
    revoke_role(
        user=staff_role.user,
        municipality=staff_role.municipality,
        role=staff_role.role,
        revoked_by=administrator,
    )


def municipalities_for(user: User, *roles: str) -> QuerySet[Municipality]:
    """The municipalities where `user` holds any of `roles` (all of them for a superuser)."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    held = StaffRole.objects.filter(user=user)
    if roles:
        held = held.filter(role__in=roles)
    return Municipality.objects.filter(pk__in=held.values("municipality_id"))


def has_role(user: User, *roles: str, municipality: Municipality | int | None = None) -> bool:
    """True when `user` holds one of `roles`, in `municipality` when one is given."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    held = StaffRole.objects.filter(user=user)
    if roles:
        held = held.filter(role__in=roles)
    if municipality is not None:
        held = held.filter(municipality_id=getattr(municipality, "pk", municipality))
    return held.exists()
