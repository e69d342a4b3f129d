"""The statistics dashboard at national scale: how long the nightly rollup takes, and how
fast an analyst's dashboard page answers.

    python bench/dashboard.py [--scale 1.0] [--requests 200] [--database-url URL]

At scale 1 it seeds a national history: 315,000 members over Denmark's 98 municipalities
(by population), 1,000,000 posts and 12 months of first contacts, answers, meetings,
check-ins, activities with sign-ups, support and IT help requests, assisted sign-ups,
reports and moderation actions. `--scale 0.02` seeds 2 % of that. The rows are written in
bulk (the pages' services would take hours), with the timestamps the figures count by.

It uses its own SQLite database under var/bench-dashboard (recreated each run) unless
`--database-url` names another (a PostgreSQL database is emptied first), and prints:

- rollup_s: the nightly task as `belong tick` runs it (this month and the last one);
- rollup_12_months_s: rolling up all 12 months at once (a fresh installation's backfill);
- dashboard_p50_ms, dashboard_p95_ms: the dashboard page of the largest municipality,
  through Django's test client with a signed-in analyst (second factor done), warm.

Targets: rollup_s under 600 s (10 minutes), dashboard_p95_ms at most 300 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench-dashboard"
MEMBERS, POSTS = 315_000, 1_000_000
BATCH = 5_000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def moment_in(rng: random.Random, start: datetime.datetime, end: datetime.datetime):
    return start + datetime.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def bulk(model, rows, report) -> list:
    """Write rows in batches; returns them with their primary keys (SQLite and PostgreSQL
    both hand them back)."""
    written = []
    for start in range(0, len(rows), BATCH):
        written.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    report(f"  {model.__name__}: {len(written):,}")
    return written


def seed(scale: float, rng: random.Random, report) -> None:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from belong.accounts.models import AssistedSignup, Gender, User
    from belong.activities.models import Activity, ActivityCheckIn, SignUp
    from belong.core import clock
    from belong.messaging.models import CheckIn, Conversation, Meeting, Message
    from belong.municipalities.models import HelpRequest
    from belong.places.models import Municipality, Postcode
    from belong.places.services import load_places
    from belong.posts.models import Post
    from belong.safety.models import ModerationAction, Report
    from belong.support.models import SupportRequest

    call_command("migrate", interactive=False, verbosity=0)
    # The page links its stylesheet by its hashed name, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Municipality.objects.exists():
        load_places()
    now = clock.now()
    year_ago = now - datetime.timedelta(days=380)
    postcodes = list(Postcode.objects.select_related("municipality"))
    weights = [max(p.municipality.population, 1) for p in postcodes]
    unusable = make_password(None)
    genders = [Gender.WOMAN, Gender.MAN, Gender.OTHER, Gender.UNSPECIFIED]
    today = now.date()

    members = max(int(MEMBERS * scale), 200)
    report(f"# seeding {members:,} members and {int(POSTS * scale):,} posts ...")
    places = rng.choices(postcodes, weights, k=members)
    users = bulk(
        User,
        [
            User(
                email=f"member{n}@bench.belong.dk",
                display_name=f"Medlem {n}",
                password=unusable,
                gender=rng.choices(genders, (0.66, 0.31, 0.015, 0.015))[0],
                birth_date=today
                - datetime.timedelta(days=int(365.25 * rng.triangular(13, 80, 25))),
                postcode=place,
                date_joined=now - datetime.timedelta(days=rng.uniform(0, 700)),
            )
            for n, place in enumerate(places)
        ],
        report,
    )
    staff = User.objects.create(
        email="staff@bench.belong.dk", display_name="Medarbejder", is_staff=True
    )
    home = {u.pk: u.postcode for u in users}

    def post_for(author):
        published = moment_in(rng, year_ago, now)
        place = home[author.pk]
        return Post(
            author=author,
            title="Gåtur i weekenden",
            body="Jeg går gerne lange ture og søger en at gå med.",
            motive="friend",
            reach="municipality",
            status="published",
            created_at=published,
            published_at=published,
            postcode=place,
            municipality=place.municipality,
            region_id=place.municipality.region_id,
        )

    posts = bulk(Post, [post_for(rng.choice(users)) for _ in range(int(POSTS * scale))], report)

    # Seven in ten posts get a first contact, a few get two; most are answered.
    conversations = []
    for post in posts:
        for _ in range(rng.choices((0, 1, 2), (0.3, 0.55, 0.15))[0]):
            starter = rng.choice(users)
            if starter.pk == post.author_id:
                continue
            created = post.published_at + datetime.timedelta(hours=rng.expovariate(1 / 30))
            if created >= now:
                continue
            draw = rng.random()
            answered = (
                created + datetime.timedelta(hours=rng.expovariate(1 / 20)) if draw < 0.8 else None
            )
            conversations.append(
                Conversation(
                    post=post,
                    starter=starter,
                    recipient_id=post.author_id,
                    post_title=post.title,
                    created_at=created,
                    last_message_at=answered or created,
                    answered_at=answered,
                    status="declined"
                    if 0.8 <= draw < 0.88
                    else "answered"
                    if answered
                    else "awaiting",
                )
            )
    seen = set()
    conversations = [
        c
        for c in conversations
        if (c.post_id, c.starter_id) not in seen and not seen.add((c.post_id, c.starter_id))  # type: ignore[func-returns-value]
    ]
    conversations = bulk(Conversation, conversations, report)
    messages = []
    for c in conversations:
        messages.append(
            Message(
                conversation=c,
                sender=c.starter,
                recipient_id=c.recipient_id,
                body="Hej!",
                created_at=c.created_at,
            )
        )
        if c.answered_at:
            messages.append(
                Message(
                    conversation=c,
                    sender_id=c.recipient_id,
                    recipient=c.starter,
                    body="Hej igen!",
                    created_at=c.answered_at,
                )
            )
    bulk(Message, messages, report)
    meetings = bulk(
        Meeting,
        [
            Meeting(
                conversation=c,
                proposed_by=c.starter,
                starts_at=c.answered_at + datetime.timedelta(days=4),
                place="Biblioteket",
                status="accepted" if rng.random() < 0.8 else "declined",
                created_at=c.answered_at,
                answered_at=c.answered_at + datetime.timedelta(hours=5),
            )
            for c in conversations
            if c.answered_at and rng.random() < 0.15
        ],
        report,
    )
    bulk(
        CheckIn,
        [
            CheckIn(
                meeting=m,
                user=m.proposed_by,
                met=(met := rng.random() < 0.85),
                meet_again=rng.choice(("yes", "yes", "maybe", "no")) if met else "",
                answered_at=m.starts_at + datetime.timedelta(hours=20),
            )
            for m in meetings
            if m.status == "accepted"
            and m.starts_at + datetime.timedelta(hours=20) < now
            and rng.random() < 0.6
        ],
        report,
    )
    municipalities = list(Municipality.objects.all())
    activities = bulk(
        Activity,
        [
            Activity(
                title="Fællesspisning",
                description="Vi spiser sammen.",
                municipality=rng.choice(municipalities),
                facilitator=staff,
                starts_at=(starts := moment_in(rng, year_ago, now)),
                ends_at=starts + datetime.timedelta(hours=2),
                capacity=12,
                created_at=starts - datetime.timedelta(days=14),
            )
            for _ in range(max(int(20_000 * scale), 20))
        ],
        report,
    )
    signups = bulk(
        SignUp,
        [
            SignUp(
                activity=a,
                user=user,
                status="confirmed",
                queued_at=a.starts_at - datetime.timedelta(days=rng.uniform(0, 13)),
                attended=rng.random() < 0.8,
            )
            for a in activities
            for user in rng.sample(users, 8)
        ],
        report,
    )
    bulk(
        ActivityCheckIn,
        [
            ActivityCheckIn(
                signup=s, how_it_went="good", come_again="yes", answered_at=s.activity.ends_at
            )
            for s in signups
            if s.attended and rng.random() < 0.4
        ],
        report,
    )
    few = max(int(members * 0.02), 20)
    bulk(
        SupportRequest,
        [
            SupportRequest(
                citizen=(u := rng.choice(users)),
                municipality=home[u.pk].municipality,
                kind="talk",
                contact="email",
                created_at=(asked := moment_in(rng, year_ago, now)),
                assigned_at=asked + datetime.timedelta(hours=rng.expovariate(1 / 30)),
                status="assigned",
            )
            for _ in range(few)
        ],
        report,
    )
    bulk(
        HelpRequest,
        [
            HelpRequest(
                municipality=rng.choice(municipalities),
                name="Borger",
                contact="email",
                email="borger@example.dk",
                description="Jeg kan ikke finde mit opslag.",
                created_at=(asked := moment_in(rng, year_ago, now)),
                handled_at=asked + datetime.timedelta(hours=rng.expovariate(1 / 24)),
            )
            for _ in range(few)
        ],
        report,
    )
    bulk(
        AssistedSignup,
        [
            AssistedSignup(
                citizen=u,
                staff=staff,
                municipality=home[u.pk].municipality,
                consented_at=u.date_joined,
            )
            for u in rng.sample(users, few)
        ],
        report,
    )
    reports = bulk(
        Report,
        [
            Report(
                reporter=rng.choice(users),
                reported=(u := rng.choice(users)),
                target="post",
                municipality=home[u.pk].municipality,
                reason="scam",
                created_at=moment_in(rng, year_ago, now),
            )
            for _ in range(few)
        ],
        report,
    )
    bulk(
        ModerationAction,
        [
            ModerationAction(
                moderator=staff,
                report=r,
                subject_id=r.reported_id,
                municipality=r.municipality,
                kind="dismiss",
                reason="I orden.",
                created_at=r.created_at + datetime.timedelta(hours=3),
            )
            for r in reports
        ],
        report,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(requests: int, report) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from belong.accounts.models import User
    from belong.municipalities.services import grant_role
    from belong.places.models import Municipality
    from belong.statistics import rollup
    from tests.staff import sign_in_staff

    started = time.perf_counter()
    rollup.roll_up()
    print(f"rollup_s: {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    rollup.roll_up(months_back=12)
    print(f"rollup_12_months_s: {time.perf_counter() - started:.1f} s", flush=True)

    largest = Municipality.objects.annotate(n=Count("postcodes__residents")).order_by("-n").first()
    analyst = User.objects.create(
        email="analyst@bench.belong.dk", display_name="Analytiker", is_staff=True
    )
    grant_role(granted_by=None, user=analyst, municipality=largest, role="analyst")
    TOTP.activate(analyst, generate_totp_secret())
    client = Client()
    sign_in_staff(client, analyst)
    url = reverse("statistics_dashboard", args=[largest.pk])
    for _ in range(10):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    report(f"# dashboard of {largest.name}: {len(response.content) / 1024:.0f} KB of HTML")
    print(f"dashboard_p50_ms: {percentile(timings, 0.5):.1f} ms")
    print(f"dashboard_p95_ms: {percentile(timings, 0.95):.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the national size")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        shutil.rmtree(DATA_DIR, ignore_errors=True)
        DATA_DIR.mkdir(parents=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ["BELONG_DATA_DIR"] = str(DATA_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # The test client speaks plain HTTP to the application.
    os.environ.setdefault("BELONG_ALLOW_PLAIN_HTTP", "true")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.database_url:
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)

    def report(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    started = time.perf_counter()
    seed(args.scale, random.Random(args.seed), report)
    report(f"# seeded in {time.perf_counter() - started:.0f} s")
    print(f"scale: {args.scale:g}")
    measure(args.requests, report)


if __name__ == "__main__":
    main()
