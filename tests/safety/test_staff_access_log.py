import pytest

from belong.core.access_log import record_staff_access
from belong.core.models import StaffAccess
from belong.municipalities.models import StaffRole
from tests.staff import make_staff


def test_the_log_is_append_only(aalborg, citizen):
    supporter = make_staff(aalborg, StaffRole.Role.IT_SUPPORTER)
    row = record_staff_access(
        staff=supporter, subject=citizen, action="profile", reason="Help request 3"
    )
    assert row.municipality == aalborg

    row.reason = "nothing to see"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        StaffAccess.objects.filter(pk=row.pk).update(reason="x")
    with pytest.raises(PermissionError):
        StaffAccess.objects.all().delete()
    assert StaffAccess.objects.get().reason == "Help request 3"
