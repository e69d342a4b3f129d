"""Background work for matching: each active citizen's suggestions, computed daily and after
they change their life situation. Tasks take ids, never objects, and are safe to run twice."""

from __future__ import annotations

import datetime

from django_tasks import task

from belong.accounts.models import User
from belong.core import clock
from belong.matching.groups import offer_small_groups
from belong.matching.services import compute_suggestions

# Who counts as active: logged in within this many days.
ACTIVE_DAYS = 60


def active_citizens():
    since = clock.now() - datetime.timedelta(days=ACTIVE_DAYS)
    return User.objects.filter(
        is_active=True, is_staff=False, last_login__gte=since
    ).select_related("postcode__municipality__region")


@task()
def refresh_suggestions() -> int:
    """Store today's candidates for every active citizen."""
    count = 0
    for viewer in active_citizens().iterator(chunk_size=500):
        compute_suggestions(viewer)
        count += 1
    return count


@task()
def refresh_suggestions_for(user_id: int) -> bool:
    """Store one citizen's candidates again (after they changed what they seek)."""
    viewer = User.objects.select_related("postcode__municipality__region").filter(pk=user_id)
    found = viewer.first()
    if found is None:
        return False
    compute_suggestions(found)
    return True


@task()
def offer_small_groups_daily() -> int:
    """Offer small groups to people near each other who seek the same thing."""
    return offer_small_groups()
