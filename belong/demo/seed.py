"""Demo data for `belong demo`: one place that seeds every domain, grown as Belong grows."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from belong.accounts.interests import INTEREST_LABELS, INTERESTS, interests_to_mask
from belong.accounts.models import Gender, User, age_on
from belong.core import clock
from belong.demo import people
from belong.demo.history import seed_demo_history
from belong.demo.local_life import seed_demo_local_life
from belong.demo.messaging import seed_demo_conversations
from belong.demo.municipal import seed_demo_municipality
from belong.demo.posts import seed_demo_posts
from belong.demo.safety import seed_demo_reports, seed_demo_staff
from belong.demo.support import seed_demo_support
from belong.places.models import Licence, Municipality, Postcode

DEMO_DOMAIN = "demo.belong.dk"
DEMO_PASSWORD = "belong-demo-2026"  # noqa: S105  (printed for the demo on purpose)
# Aalborg and Aarhus hold licences in the demo.
DEMO_MUNICIPALITY_CODES = (851, 751)
DEMO_LOGINS = [
    (f"borger@{DEMO_DOMAIN}", "citizen, 34, Aalborg"),
    (f"ung@{DEMO_DOMAIN}", "young citizen, 15, Aalborg"),
    (f"moderator@{DEMO_DOMAIN}", "moderator, Aalborg (/personale/)"),
    (f"hjaelp@{DEMO_DOMAIN}", "IT support and assisted sign-up, Aalborg (/personale/)"),
    (f"facilitator@{DEMO_DOMAIN}", "facilitator, Aalborg: activities this week (/aktiviteter/)"),
    (f"admin@{DEMO_DOMAIN}", "administrator, everywhere (also /admin/)"),
]
# What the real platform reported: about two thirds women, average age about 36, ages 13-80.
GENDER_WEIGHTS = [
    (Gender.WOMAN, 0.66),
    (Gender.MAN, 0.31),
    (Gender.OTHER, 0.015),
    (Gender.UNSPECIFIED, 0.015),
]
MIN_AGE, MAX_AGE, MEAN_AGE = 13, 80, 36


@dataclass
class DemoSummary:
    created: bool
    citizens: int
    places: str
    posts: int = 0
    conversations: int = 0


def sample_age(rng: random.Random) -> int:
    """An age from 13 to 80 with mean about 36 and a long tail of older citizens."""
    # A beta distribution scaled to the age range: mean = a / (a + b).
    a = 2.0
    share = (MEAN_AGE - MIN_AGE) / (MAX_AGE - MIN_AGE)
    b = a * (1 - share) / share
    return MIN_AGE + round(rng.betavariate(a, b) * (MAX_AGE - MIN_AGE))


def birth_date_for(age: int, rng: random.Random, today: datetime.date) -> datetime.date:
    """A random birth date of someone who is exactly `age` today."""
    while True:
        days = rng.randrange(age * 365, (age + 1) * 365 + 1)
        candidate = today - datetime.timedelta(days=days)
        if age_on(candidate, today) == age:
            return candidate


def ensure_demo_licences(today: datetime.date) -> list[Municipality]:
    municipalities = list(Municipality.objects.filter(code__in=DEMO_MUNICIPALITY_CODES))
    for municipality in municipalities:
        if not municipality.is_licensed(today):
            Licence.objects.create(
                municipality=municipality,
                starts_on=today - datetime.timedelta(days=365),
                note="Demo",
            )
    return municipalities


def write_about(rng: random.Random, town: str, interests: list[str], age: int) -> str:
    situations = [s for s in people.SITUATIONS if ("skole" in s) == (age < 18)]
    interest = str(INTEREST_LABELS[interests[0]]).lower() if interests else "gåture"
    parts = [
        rng.choice(situations).format(town=town),
        rng.choice(people.TRAITS),
        rng.choice(people.WISHES).format(interest=interest),
    ]
    return " ".join(parts)


@transaction.atomic
def seed_demo(*, citizens: int = 300, seed: int = 2026, posts_per_citizen: int = 10) -> DemoSummary:
    """Seed a believable population in the demo municipalities, once, with about
    `posts_per_citizen` posts each (3000 for the default 300 citizens)."""
    rng = random.Random(seed)  # noqa: S311  (repeatable demo data, not secrets)
    today = clock.today()
    municipalities = ensure_demo_licences(today)
    place_names = " and ".join(m.name for m in municipalities)
    if User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return DemoSummary(created=False, citizens=0, places=place_names)

    postcodes = list(
        Postcode.objects.filter(municipality__in=municipalities).select_related("municipality")
    )
    if not postcodes:
        raise RuntimeError("Load the places first: belong load_places")
    weights = [m.population or 1 for m in municipalities]
    by_municipality = {
        m.pk: [p for p in postcodes if p.municipality_id == m.pk] for m in municipalities
    }
    interests = [slug for slug, _label in INTERESTS]
    aalborg = next((p for p in postcodes if p.code == "9000"), postcodes[0])

    unusable = make_password(None)
    password = make_password(DEMO_PASSWORD)
    users: list[User] = [
        User(
            email=f"borger@{DEMO_DOMAIN}",
            display_name="Anne",
            gender=Gender.WOMAN,
            birth_date=birth_date_for(34, rng, today),
            postcode=aalborg,
            password=password,
            about="Jeg er lige flyttet til Aalborg for et nyt job og kender næsten ingen. "
            "Jeg går gerne lange ture og spiller brætspil.",
        ),
        User(
            email=f"ung@{DEMO_DOMAIN}",
            display_name="Sofie",
            gender=Gender.WOMAN,
            birth_date=birth_date_for(15, rng, today),
            postcode=aalborg,
            password=password,
            about="Jeg går i 9. klasse og elsker at tegne og høre musik.",
        ),
        User(
            email=f"moderator@{DEMO_DOMAIN}",
            display_name="Mona",
            gender=Gender.WOMAN,
            birth_date=birth_date_for(41, rng, today),
            postcode=aalborg,
            password=password,
            is_staff=True,
        ),
        User(
            email=f"hjaelp@{DEMO_DOMAIN}",
            display_name="Henrik",
            gender=Gender.MAN,
            birth_date=birth_date_for(52, rng, today),
            postcode=aalborg,
            password=password,
            is_staff=True,
        ),
        User(
            email=f"admin@{DEMO_DOMAIN}",
            display_name="Administrator",
            password=password,
            is_staff=True,
            is_superuser=True,
            birth_date=birth_date_for(45, rng, today),
            postcode=aalborg,
        ),
    ]
    used_emails = {u.email for u in users}
    for _ in range(citizens):
        gender = rng.choices([g for g, _w in GENDER_WEIGHTS], [w for _g, w in GENDER_WEIGHTS])[0]
        names = {Gender.WOMAN: people.WOMEN, Gender.MAN: people.MEN}.get(gender, people.NEUTRAL)
        first = rng.choice(names)
        surname = rng.choice(people.SURNAMES)
        municipality = rng.choices(municipalities, weights)[0]
        postcode = rng.choice(by_municipality[municipality.pk])
        age = sample_age(rng)
        email = f"{first}.{surname}".lower()
        email = email.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        n = 1
        while f"{email}{n}@{DEMO_DOMAIN}" in used_emails:
            n += 1
        email = f"{email}{n}@{DEMO_DOMAIN}"
        used_emails.add(email)
        user = User(
            email=email,
            display_name=first,
            gender=gender,
            birth_date=birth_date_for(age, rng, today),
            postcode=postcode,
            password=unusable,
            date_joined=clock.now() - datetime.timedelta(days=rng.randrange(0, 700)),
        )
        chosen = rng.sample(interests, k=rng.randint(1, 4))
        user.interest_mask = interests_to_mask(chosen)
        user.about = write_about(rng, postcode.name, chosen, age)
        users.append(user)
    users[0].interest_mask = interests_to_mask(["walks-nature", "games"])
    users[1].interest_mask = interests_to_mask(["creative", "music"])
    User.objects.bulk_create(users, batch_size=500)
    saved = {u.email: u for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in saved.values()],
        batch_size=500,
    )
    posts = seed_posts_for(rng, saved, count=posts_per_citizen * citizens)
    anne = User.objects.select_related("postcode").get(email=f"borger@{DEMO_DOMAIN}")
    conversations = seed_demo_conversations(anne)
    seed_demo_reports(anne)
    seed_demo_staff(saved, aalborg.municipality, domain=DEMO_DOMAIN)
    seed_demo_support(saved, domain=DEMO_DOMAIN)
    seed_demo_local_life(saved, domain=DEMO_DOMAIN, password=DEMO_PASSWORD)
    seed_demo_municipality(saved, aalborg.municipality, domain=DEMO_DOMAIN)
    # A year of Aalborg's past, counted for its statistics dashboard.
    seed_demo_history(
        saved, aalborg.municipality, facilitator=saved[f"hjaelp@{DEMO_DOMAIN}"], seed=seed
    )
    return DemoSummary(
        created=True,
        citizens=len(users),
        places=place_names,
        posts=posts,
        conversations=conversations,
    )


def seed_posts_for(rng: random.Random, saved: dict[str, User], *, count: int) -> int:
    """Anne (the citizen persona) gets two posts of her own; the other citizens share the
    rest. Staff write none."""
    by_pk = {
        u.pk: u
        for u in User.objects.select_related("postcode__municipality").filter(
            pk__in=[u.pk for u in saved.values() if not u.is_staff]
        )
    }
    anne = by_pk.pop(saved[f"borger@{DEMO_DOMAIN}"].pk)
    written = seed_demo_posts(rng=rng, authors=[anne], count=2, status="published")
    others = sorted(by_pk.values(), key=lambda u: u.pk)
    if others and count > 2:
        written += seed_demo_posts(rng=rng, authors=others, count=count - 2)
    return written
