"""Aalborg's own page, its announcements, the citizens who said yes to its newsletter, last
month's newsletter as sent, and this month's as a draft."""

from __future__ import annotations

import datetime

from belong.accounts.models import User
from belong.core import clock
from belong.municipalities.local import save_announcement, update_landing_page
from belong.municipalities.models import Newsletter, NewsletterDelivery
from belong.municipalities.newsletter import (
    draft_text,
    give_consent,
    readers_of,
    start_newsletter,
)
from belong.places.models import Municipality

DAY = datetime.timedelta(days=1)

ANNOUNCEMENTS = [
    # (title, body, starts in days, ends in days)
    (
        "Julehygge på Hasseris Bibliotek",
        "Kom til kaffe, æbleskiver og brætspil torsdag kl. 14-16. Alle er velkomne, også "
        "hvis du kommer alene. Vores facilitator Lone tager imod ved døren.",
        -3,
        10,
    ),
    (
        "Få hjælp til Belong i Borgerservice",
        "Hver tirsdag kl. 10-12 hjælper vores IT-hjælpere dig med at komme i gang: oprette "
        "dig, skrive dit første opslag og finde dine beskeder.",
        -20,
        60,
    ),
    (
        "Gåtur rundt om Østre Anlæg",
        "Nytårsgåtur 2. januar kl. 11 fra indgangen ved Kollegievej.",
        14,
        32,
    ),
    (
        "Høstfest i Vestbyen",
        "Tak til alle, der kom til høstfesten.",
        -60,
        -40,
    ),
]


def seed_demo_municipality(
    saved: dict[str, User], municipality: Municipality, *, domain: str
) -> int:
    admin = saved[f"admin@{domain}"]
    now = clock.now()
    update_landing_page(
        administrator=admin,
        municipality=municipality,
        welcome=(
            "Velkommen til Belong i Aalborg. Her kan du finde en at gå ture med, nogen at "
            "spille kort med eller en forening at blive en del af. Det er gratis for alle "
            "borgere i Aalborg Kommune fra 13 år."
        ),
        it_support=(
            "Ring til Borgerservice på 99 31 31 31 (hverdage kl. 10-14), eller kom forbi "
            "Hovedbiblioteket tirsdag kl. 10-12."
        ),
        facilitators=(
            "Lone og Ahmed er kommunens facilitatorer. De holder aktiviteter og møder og kan "
            "støtte dig, hvis det føles svært at møde nye mennesker."
        ),
        privacy_notice_url="https://www.aalborg.dk/om-kommunen/databeskyttelse",
        accessibility_statement_url=municipality.accessibility_statement_url,
    )
    for title, body, starts, ends in ANNOUNCEMENTS:
        save_announcement(
            administrator=admin,
            municipality=municipality,
            title=title,
            body=body,
            starts_at=now + starts * DAY,
            ends_at=now + ends * DAY,
        )
    # Anne and every seventh citizen of Aalborg with an e-mail said yes; some read English.
    readers = [saved[f"borger@{domain}"]] + [
        user
        for n, user in enumerate(
            User.objects.filter(
                postcode__municipality=municipality, is_staff=False, email__isnull=False
            ).order_by("pk")
        )
        if n % 7 == 3 and (user.age() or 0) >= 16
    ]
    for n, user in enumerate(readers):
        give_consent(
            user=user,
            language="en" if n % 5 == 4 else "da",
            via="signup" if n % 2 else "profile",
            now=now - (30 + n % 200) * DAY,
        )
    # Last month's newsletter went out; this month's is a draft from the template.
    last_month = (clock.today().replace(day=1) - DAY).replace(day=1)
    subject_da, body_da = draft_text(municipality, last_month, "da")
    subject_en, body_en = draft_text(municipality, last_month, "en")
    sent_at = now - 25 * DAY
    sent = Newsletter.objects.create(
        municipality=municipality,
        month=last_month,
        subject_da=subject_da,
        body_da=body_da,
        subject_en=subject_en,
        body_en=body_en,
        created_by=admin,
        send_requested_at=sent_at,
        sent_by=admin,
        sent_at=sent_at,
    )
    NewsletterDelivery.objects.bulk_create(
        [
            NewsletterDelivery(newsletter=sent, user_id=user_id, language=language, sent_at=sent_at)
            for user_id, language in readers_of(municipality).values_list("user_id", "language")
        ]
    )
    start_newsletter(administrator=admin, municipality=municipality, month=clock.today())
    return len(readers)
