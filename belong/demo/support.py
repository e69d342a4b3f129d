"""The demo's support requests: one waits for a facilitator, one has a first warm message;
and the first human response: one citizen nobody has answered waits in the facilitators'
console, another has had a first warm message from Aalborg Kommune's facilitator."""

from __future__ import annotations

import datetime

from belong.accounts.models import User
from belong.core import clock
from belong.messaging.models import Outbox
from belong.posts.services import save_post
from belong.support import first_response, services

UNANSWERED_POSTS = [
    (
        "Nogen at drikke kaffe med om formiddagen?",
        "Jeg er gået på pension og savner nogen at snakke med. Jeg drikker gerne kaffe på en "
        "café i byen, eller vi kan gå en lille tur.",
        ["food", "walks-nature"],
    ),
    (
        "Ny i byen og søger en at gå ture med",
        "Jeg er flyttet hertil for et halvt år siden og kender næsten ingen. Jeg går gerne "
        "ture i weekenden og vil gerne lære byen at kende.",
        ["walks-nature"],
    ),
]


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

    seed_demo_first_response(saved, anne=anne, facilitator=henrik, skip={neighbour.pk})


def seed_demo_first_response(
    saved: dict[str, User], *, anne: User, facilitator: User, skip: set[int]
) -> None:
    """Two neighbours agreed to a first human response and wrote a post ten days ago that
    nobody has answered: one still waits in the console, the other has had a first warm
    message from the facilitator, as the municipality."""
    neighbours = [
        u
        for u in sorted(saved.values(), key=lambda u: u.email)
        if not u.is_staff
        and not u.is_youth
        and u.postcode_id == anne.postcode_id
        and u.pk not in skip | {anne.pk}
    ][:2]
    for person, (title, body, interests) in zip(neighbours, UNANSWERED_POSTS, strict=False):
        with clock.set_to(clock.now() - datetime.timedelta(days=10)):
            save_post(
                author=person,
                fields={
                    "title": title,
                    "body": body,
                    "motive": "friend",
                    "interests": interests,
                    "wish_age_min": None,
                    "wish_age_max": None,
                    "wish_gender": "any",
                    "reach": "municipality",
                    "reach_km": None,
                },
                publish=True,
            )
        first_response.agree(citizen=person)
    if len(neighbours) < 2:
        return
    written = neighbours[1]
    row = first_response.get_console_row(facilitator, written.pk)
    message = first_response.write_first_response(
        staff=facilitator,
        row=row,
        body=(
            f"Hej {written.display_name}. Jeg hedder Henrik og er facilitator i Aalborg "
            "Kommune. Jeg så dit opslag om gåture, og jeg ville bare sige, at du er meget "
            "velkommen på vores gåhold ved Kildeparken torsdag kl. 10. Jeg står ved indgangen. "
            "Du må også gerne bare skrive til mig her."
        ),
    )
    # The demo e-mails nobody: the message waits in the inbox.
    Outbox.objects.filter(conversation_id=message.conversation_id).delete()
