"""Staff roles: granting them and asking who may act where."""

from __future__ import annotations

from django.db.models import QuerySet

from belong.accounts.models import User
from belong.municipalities.models import StaffRole
from belong.places.models import Municipality

Role = StaffRole.Role


def grant_role(
    *, granted_by: User | None, user: User, municipality: Municipality, role: str
) -> StaffRole:
    staff_role, _created = StaffRole.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"granted_by": granted_by}
    )
    if not user.is_staff:
        # Django's flag opens nothing by itself; it marks the account as one that needs
        # a second factor and may see staff pages at all.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return staff_role


def revoke_role(*, user: User, municipality: Municipality, role: str) -> None:
    StaffRole.objects.filter(user=user, municipality=municipality, role=role).delete()


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
