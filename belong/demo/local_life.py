"""Local life in the demo: verified and unverified clubs in Aalborg and Aarhus, and a
facilitator with activities this week (one full with a waiting list, one for young people).
Everything goes through the real services, as a citizen or staff member would do it."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from belong.accounts.models import Gender, User
from belong.activities.services import create_activity, sign_up
from belong.core import clock
from belong.municipalities.models import StaffRole
from belong.municipalities.services import grant_role
from belong.organisations.services import (
    add_member,
    apply_for_verification,
    create_organisation,
    decide_adult_contact,
    decide_application,
    follow,
    propose_adult_contact,
)
from belong.places.models import Postcode
from belong.posts.services import save_post

CLUBS = [
    # (name, kind, postcode, interests, ages, description, verification)
    (
        "Aalborg Gåklub",
        "club",
        "9000",
        ["walks-nature", "health"],
        "adults",
        "Vi går 5 km langs Limfjorden hver tirsdag kl. 10 og slutter med kaffe. "
        "Alle tempi er velkomne, og man behøver ikke melde sig ind for at prøve.",
        "verified",
    ),
    (
        "Strikkecaféen i Nørresundby",
        "association",
        "9400",
        ["crafts", "coffee-talk"],
        "all",
        "Strik, hækl og snak over en kop kaffe på biblioteket. Garn og pinde kan lånes. "
        "Unge og voksne strikker sammen, og vores voksenkontakter er tjekket af kommunen.",
        "pending",
    ),
    (
        "Brætspilsaften Aarhus",
        "club",
        "8000",
        ["games"],
        "adults",
        "Hver torsdag spiller vi brætspil i et lokale på Godsbanen. Vi lærer gerne "
        "nye spillere reglerne.",
        "verified",
    ),
    (
        "Frivillige i Aarhus Vest",
        "volunteers",
        "8210",
        ["volunteering", "food"],
        "adults",
        "Vi laver fællesspisning og hjælper ældre naboer med indkøb. Kom og vær med en "
        "gang om måneden eller hver uge, som det passer dig.",
        None,
    ),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _postcode(code: str) -> Postcode | None:
    return Postcode.objects.filter(code=code).select_related("municipality").first()


def seed_demo_local_life(saved: dict[str, User], *, domain: str, password: str) -> dict:
    anne = saved[f"borger@{domain}"]
    sofie = saved[f"ung@{domain}"]
    mona = saved[f"moderator@{domain}"]
    aalborg = anne.postcode.municipality
    citizens = list(
        User.objects.filter(pk__in=[u.pk for u in saved.values()], is_staff=False)
        .exclude(pk__in=[anne.pk, sofie.pk])
        .select_related("postcode")
        .order_by("pk")
    )
    adults_in = {
        u.postcode_id: u for u in citizens if u.birth_date and not u.is_youth and u.postcode_id
    }
    facilitator = User.objects.create(
        email=f"facilitator@{domain}",
        display_name="Lise",
        gender=Gender.WOMAN,
        birth_date=datetime.date(1979, 4, 12),
        postcode=anne.postcode,
        password=make_password(password),
        is_staff=True,
    )
    EmailAddress.objects.create(user=facilitator, email=facilitator.email, verified=True)
    grant_role(
        granted_by=None, user=facilitator, municipality=aalborg, role=StaffRole.Role.FACILITATOR
    )

    clubs = []
    admin = saved[f"admin@{domain}"]
    for name, kind, code, interests, ages, description, verification in CLUBS:
        postcode = _postcode(code)
        if postcode is None:
            continue
        owner = anne if postcode.municipality_id == aalborg.pk and not clubs else None
        owner = (
            owner
            or adults_in.get(postcode.pk)
            or next(
                (u for u in citizens if u.postcode.municipality_id == postcode.municipality_id),
                anne,
            )
        )
        club = create_organisation(
            creator=owner,
            fields={
                "name": name,
                "kind": kind,
                "description": description,
                "interests": interests,
                "ages": ages,
                "postcode": postcode,
                "address": postcode.name,
                "contact_email": f"kontakt@{name.split()[0].lower()}.example.dk",
            },
        )
        if club.welcomes_minors:
            contact = propose_adult_contact(editor=owner, organisation=club, member=owner)
            add_member(editor=owner, organisation=club, email=sofie.email)
        if verification:
            application = apply_for_verification(
                applicant=owner, organisation=club, note="Vi har mødtes siden 2019."
            )
        if verification == "verified":
            staff = mona if postcode.municipality_id == aalborg.pk else admin
            if club.welcomes_minors:
                decide_adult_contact(staff=staff, contact=contact, approve=True)
            decide_application(staff=staff, application=application, approve=True)
        clubs.append(club)
    if clubs:
        follow(user=anne, organisation=clubs[0])
        # The walking club seeks members with a post written as the club.
        save_post(
            author=anne,
            publish=True,
            fields={
                "organisation": clubs[0].pk,
                "title": "Gåklubben søger nye gåvenner",
                "body": "Vi går 5 km langs Limfjorden hver tirsdag kl. 10 og drikker kaffe "
                "bagefter. Kom og prøv en tur, uden at melde dig ind. Skriv til os, hvis du "
                "har spørgsmål.",
                "motive": "members",
                "interests": ["walks-nature"],
                "wish_age_min": None,
                "wish_age_max": None,
                "wish_gender": "any",
                "reach": "municipality",
                "reach_km": None,
            },
        )

    # This week: a full walk with a waiting list, a youth café, a coffee morning.
    today = clock.today()
    base = {
        "interests": [],
        "postcode": anne.postcode,
        "online": False,
        "online_link": "",
        "hearing_loop": False,
        "accessibility_notes": "",
        "needs_approval": False,
    }
    tomorrow = today + datetime.timedelta(days=1)
    walk, *_rest = create_activity(
        organiser=facilitator,
        municipality=aalborg,
        fields={
            **base,
            "title": "Gåtur og kaffe for nye i byen",
            "description": "En rolig gåtur på en time langs fjorden, og bagefter kaffe på "
            "biblioteket. Lise fra kommunen går med og hjælper samtalen i gang.",
            "interests": ["walks-nature", "coffee-talk"],
            "place": "Hovedbiblioteket, Rendsburggade 2",
            "step_free": True,
            "quiet_space": True,
            "starts_at": _at(tomorrow, 10),
            "ends_at": _at(tomorrow, 12),
            "capacity": 8,
            "age_range": "adult",
        },
    )
    walkers = [u for u in citizens if not u.is_youth][:10]
    for person in walkers:
        sign_up(user=person, activity=walk)  # eight places, two on the waiting list
    in_three = today + datetime.timedelta(days=3)
    youth, *_rest = create_activity(
        organiser=facilitator,
        municipality=aalborg,
        fields={
            **base,
            "title": "Ungecafé: tegn og hør musik",
            "description": "For unge fra 13 til 17. Vi tegner, hører musik og spiser kage. "
            "Lise fra kommunen er der hele tiden.",
            "interests": ["creative", "music"],
            "place": "Ungdomshuset, Kastetvej 5",
            "step_free": True,
            "quiet_space": True,
            "starts_at": _at(in_three, 16),
            "ends_at": _at(in_three, 18),
            "capacity": 15,
            "age_range": "youth",
        },
    )
    sign_up(user=sofie, activity=youth)
    in_four = today + datetime.timedelta(days=4)
    coffee = create_activity(
        organiser=facilitator,
        municipality=aalborg,
        fields={
            **base,
            "title": "Formiddagskaffe og en god snak",
            "description": "Kom og drik kaffe med andre. Ingen tilmelding nødvendig, men "
            "skriv dig gerne på, så vi ved, hvor mange boller vi skal købe.",
            "interests": ["coffee-talk"],
            "place": "Medborgerhuset, Vestergade 10",
            "step_free": True,
            "hearing_loop": True,
            "starts_at": _at(in_four, 10),
            "ends_at": _at(in_four, 11, 30),
            "capacity": 20,
            "age_range": "adult",
        },
        repeat_weeks=3,
    )
    if clubs:
        create_activity(
            organiser=clubs[0].memberships.get().user,
            organisation=clubs[0],
            fields={
                **base,
                "title": "Tirsdagsturen",
                "description": "5 km langs fjorden i roligt tempo.",
                "interests": ["walks-nature"],
                "place": "Jomfru Ane Parken",
                "step_free": False,
                "quiet_space": False,
                "starts_at": _at(today + datetime.timedelta(days=2), 10),
                "ends_at": _at(today + datetime.timedelta(days=2), 11, 30),
                "capacity": 30,
                "age_range": "adult",
            },
        )
    return {"clubs": len(clubs), "activities": 3 + len(coffee), "facilitator": facilitator}
