"""A year of Aalborg's past for the demo, so that its statistics dashboard tells a believable
story: posts, first contacts and their answers, meetings and check-ins, facilitated
activities, support and IT help, month by month, growing a little as Belong becomes known.
The rows are history (expired posts, closed requests, decided reports): nothing in them
waits for anyone. The nightly rollup then counts the 12 months."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from belong.accounts.models import User
from belong.activities.models import Activity, ActivityCheckIn, SignUp
from belong.core import clock
from belong.core.disclosure import Month
from belong.messaging.models import CheckIn, Conversation, Meeting, Message
from belong.municipalities.models import HelpRequest
from belong.places.models import Municipality
from belong.posts.models import Post
from belong.safety.models import Report
from belong.statistics.rollup import roll_up
from belong.support.models import SupportRequest

MONTHS = 12
TITLES = (
    "Gåtur ved fjorden",
    "Brætspil en hverdagsaften",
    "Ny i byen og søger en ven",
    "Kaffe og en snak",
    "Løbemakker søges",
    "Strikkeklub i Vestbyen",
)
HELLO = "Hej! Jeg så dit opslag og vil gerne være med."
ANSWER = "Hvor dejligt, tak for din besked!"


def _in_month(rng: random.Random, start: datetime.datetime, end: datetime.datetime):
    return start + datetime.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def seed_demo_history(
    saved: dict[str, User], municipality: Municipality, *, facilitator: User, seed: int = 2026
) -> int:
    """The past 12 complete months in `municipality`; returns the figures rolled up."""
    rng = random.Random(seed)  # noqa: S311  (repeatable demo data, not secrets)
    citizens = list(
        User.objects.filter(
            pk__in=[u.pk for u in saved.values()],
            is_staff=False,
            postcode__municipality=municipality,
        )
        .exclude(email__startswith="borger@")
        .exclude(email__startswith="ung@")
        .select_related("postcode__municipality")
    )
    adults = [u for u in citizens if u.birth_date and u.age() and u.age() >= 18]  # type: ignore[operator]
    if len(adults) < 10:
        return 0
    tz = timezone.get_current_timezone()
    month = Month.of(timezone.localtime(clock.now()).date())
    months = []
    for _ in range(MONTHS):
        month = month.previous()
        months.append(month)
    months.reverse()
    for index, month in enumerate(months):
        start, end = month.bounds(tz)
        growth = 1 + index / MONTHS  # Belong becomes known: twice the life after a year
        _seed_month(rng, adults, municipality, facilitator, start, end, growth)
    return roll_up(months_back=MONTHS)


def _seed_month(rng, adults, municipality, facilitator, start, end, growth) -> None:
    now = clock.now()
    posts = Post.objects.bulk_create(
        [
            _post(rng, rng.choice(adults), _in_month(rng, start, end))
            for _ in range(int(rng.randint(18, 26) * growth))
        ]
    )
    conversations = []
    for post in posts:
        for starter in rng.sample(adults, k=rng.choices((0, 1, 2), (0.25, 0.55, 0.2))[0]):
            if starter.pk == post.author_id:
                continue
            created = min(post.published_at + datetime.timedelta(hours=rng.uniform(1, 60)), now)
            draw = rng.random()
            answered = None
            if draw < 0.82:
                # Most answer within a day; some after a few days, a few after a week.
                hours = rng.choices((rng.uniform(1, 24), rng.uniform(24, 96), 200), (7, 2, 1))[0]
                answered = min(created + datetime.timedelta(hours=hours), now)
            status = "declined" if 0.82 <= draw < 0.9 else "answered" if answered else "closed"
            conversations.append(
                Conversation(
                    post=post,
                    starter=starter,
                    recipient_id=post.author_id,
                    post_title=post.title,
                    status=status,
                    created_at=created,
                    last_message_at=answered or created,
                    answered_at=answered,
                    closed_at=None if status == "answered" else answered or created,
                )
            )
    conversations = Conversation.objects.bulk_create(conversations)
    messages = []
    for c in conversations:
        messages.append(
            Message(
                conversation=c,
                sender=c.starter,
                recipient_id=c.recipient_id,
                body=HELLO,
                created_at=c.created_at,
                read_at=c.answered_at or c.created_at,
            )
        )
        if c.answered_at:
            messages.append(
                Message(
                    conversation=c,
                    sender_id=c.recipient_id,
                    recipient=c.starter,
                    kind="decline" if c.status == "declined" else "text",
                    body="Tak, men det passer ikke for mig lige nu."
                    if c.status == "declined"
                    else ANSWER,
                    created_at=c.answered_at,
                    read_at=c.answered_at,
                )
            )
    Message.objects.bulk_create(messages)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                conversation=c,
                proposed_by=c.starter,
                starts_at=c.answered_at + datetime.timedelta(days=rng.randint(2, 6)),
                place=rng.choice(("Kildeparken", "Hovedbiblioteket", "Havnefronten")),
                status="accepted",
                created_at=c.answered_at,
                answered_at=c.answered_at + datetime.timedelta(hours=rng.uniform(1, 20)),
            )
            for c in conversations
            if c.status == "answered" and rng.random() < 0.35
        ]
    )
    checkins = []
    for meeting in meetings:
        answered = meeting.starts_at + datetime.timedelta(hours=20)
        if answered >= now or rng.random() < 0.3:
            continue
        met = rng.random() < 0.85
        checkins.append(
            CheckIn(
                meeting=meeting,
                user=meeting.proposed_by,
                met=met,
                meet_again=rng.choices(("yes", "maybe", "no"), (6, 3, 1))[0] if met else "",
                answered_at=answered,
            )
        )
    CheckIn.objects.bulk_create(checkins)
    _seed_local_life(rng, adults, municipality, facilitator, start, end, growth)


def _post(rng, author, published) -> Post:
    place = author.postcode
    return Post(
        author=author,
        title=rng.choice(TITLES),
        body="Jeg søger en at dele en hyggelig stund med. Skriv endelig!",
        motive="friend",
        reach="municipality",
        status="expired",
        created_at=published,
        updated_at=published,
        published_at=published,
        expires_at=published + datetime.timedelta(days=60),
        postcode=place,
        municipality=place.municipality,
        region_id=place.municipality.region_id,
        latitude=place.latitude,
        longitude=place.longitude,
        author_birth_date=author.birth_date,
        author_gender=author.gender,
    )


def _seed_local_life(rng, adults, municipality, facilitator, start, end, growth) -> None:
    activities = Activity.objects.bulk_create(
        [
            Activity(
                title=rng.choice(("Fællesspisning", "Gåtur i Østerådalen", "Spilleaften")),
                description="En hyggelig stund med en facilitator, der tager imod.",
                municipality=municipality,
                facilitator=facilitator,
                starts_at=(starts := _in_month(rng, start, end)),
                ends_at=starts + datetime.timedelta(hours=2),
                capacity=12,
                place="Medborgerhuset",
                created_at=starts - datetime.timedelta(days=14),
            )
            for _ in range(rng.randint(2, 4))
        ]
    )
    signups = SignUp.objects.bulk_create(
        [
            SignUp(
                activity=activity,
                user=user,
                status="confirmed",
                queued_at=activity.starts_at - datetime.timedelta(days=rng.uniform(1, 13)),
                attended=rng.random() < 0.8,
            )
            for activity in activities
            for user in rng.sample(adults, k=min(len(adults), int(rng.randint(5, 9) * growth)))
        ]
    )
    ActivityCheckIn.objects.bulk_create(
        [
            ActivityCheckIn(
                signup=signup,
                how_it_went=rng.choices(("good", "ok", "bad"), (6, 3, 1))[0],
                come_again=rng.choices(("yes", "maybe", "no"), (6, 3, 1))[0],
                answered_at=signup.activity.ends_at + datetime.timedelta(hours=3),
            )
            for signup in signups
            if signup.attended and rng.random() < 0.6
        ]
    )
    SupportRequest.objects.bulk_create(
        [
            SupportRequest(
                citizen=rng.choice(adults),
                municipality=municipality,
                kind=rng.choice(("talk", "first_meeting")),
                contact="email",
                status="closed",
                outcome=rng.choice(("talked", "met", "accompanied")),
                created_at=(asked := _in_month(rng, start, end)),
                assigned_to=facilitator,
                assigned_at=asked + datetime.timedelta(hours=rng.uniform(2, 48)),
                closed_at=asked + datetime.timedelta(days=rng.uniform(3, 14)),
            )
            for _ in range(int(rng.randint(3, 6) * growth))
        ]
    )
    HelpRequest.objects.bulk_create(
        [
            HelpRequest(
                municipality=municipality,
                citizen=(citizen := rng.choice(adults)),
                name=citizen.display_name,
                contact="phone",
                phone="20304050",
                description="Jeg kan ikke finde det opslag, jeg skrev i går.",
                created_at=(asked := _in_month(rng, start, end)),
                handled_at=asked + datetime.timedelta(hours=rng.uniform(1, 30)),
            )
            for _ in range(rng.randint(4, 9))
        ]
    )
    Report.objects.bulk_create(
        [
            Report(
                reporter=rng.choice(adults),
                reported=rng.choice(adults),
                target="post",
                municipality=municipality,
                reason="scam",
                status="closed",
                created_at=(made := _in_month(rng, start, end)),
                handled_at=made + datetime.timedelta(hours=6),
            )
            for _ in range(rng.randint(0, 3))
        ]
    )
