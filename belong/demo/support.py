"""The demo's support requests: one waits for a facilitator, one has a first warm message."""

from __future__ import annotations

from belong.accounts.models import User
from belong.support import services


def seed_demo_support(saved: dict[str, User], *, domain: str) -> None:
    anne = saved[f"borger@{domain}"]
    henrik = saved[f"hjaelp@{domain}"]
    neighbour = next(
        u
        for u in sorted(saved.values(), key=lambda u: u.email)
        if not u.is_staff
        and not u.is_youth
        and u.postcode_id == anne.postcode_id
        and u.pk != anne.pk
    )
    services.request_support(
        citizen=neighbour,
        kind="talk",
        contact="phone",
        phone="98765432",
        message="Jeg er lige flyttet hertil og kender ingen. Jeg ved ikke, hvor jeg skal starte.",
    )
    mine = services.request_support(
        citizen=anne,
        kind="first_meeting",
        contact="belong",
        message="Jeg vil gerne mødes med nogen, men tør ikke gå alene første gang.",
    )
    services.assign(staff=henrik, support_request=mine)
    services.add_note(
        staff=henrik,
        support_request=mine,
        body=(
            "Hej Anne. Jeg hedder Henrik og er facilitator her i Aalborg Kommune. Hvor er det "
            "godt, at du skriver. Jeg tager gerne med dig til et første møde. Vores gåhold "
            "mødes ved Kildeparken torsdag kl. 10: skal vi gå derhen sammen?"
        ),
        to_citizen=True,
    )
