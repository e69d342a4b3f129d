"""Demo conversations for Anne (borger@demo.belong.dk) in every state, written through the
messaging services with the clock set back: answered, politely declined, awaiting reply,
closed after silence, and meetings agreed (one still ahead, one behind her with a check-in)."""

from __future__ import annotations

import datetime

from django.db.models import Q

from belong.accounts.models import User
from belong.core import clock
from belong.messaging import closure, meetings, services
from belong.messaging.models import Conversation, Outbox
from belong.posts.models import Post, Status

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def _token(name: str) -> str:
    return f"demo-{name}"


def seed_demo_conversations(anne: User) -> int:
    """Return how many conversations were written."""
    now = clock.now()
    others = (
        Post.objects.filter(status=Status.PUBLISHED, is_youth=False)
        .filter(municipality_id=anne.postcode.municipality_id)
        .exclude(author=anne)
        .select_related("author")
        .order_by("pk")
    )
    # One post per author, authors who are adults today.
    posts, seen = [], set()
    for post in others[:200]:
        if post.author_id in seen or post.author.is_youth:
            continue
        seen.add(post.author_id)
        posts.append(post)
        if len(posts) == 8:
            break
    anne_posts = list(Post.objects.filter(author=anne, status=Status.PUBLISHED).order_by("pk"))
    if len(posts) < 8 or not anne_posts:
        return 0
    mine = anne_posts[0]
    writers = [p.author for p in posts[4:8]]

    # Answered: Lars (or whoever) wrote to Anne three days ago, and they talk.
    first = services.start_conversation(
        sender=writers[0],
        post=mine,
        body="Hej Anne! Jeg er også ret ny i byen og går gerne ture. Skal vi tage en tur en dag?",
        client_token=_token("answered-1"),
        now=now - 3 * DAY,
    ).conversation
    services.send_message(
        sender=anne,
        conversation=first,
        body="Hej! Hvor dejligt. Jeg går tit ved Limfjorden om søndagen. Kender du stien dér?",
        client_token=_token("answered-2"),
        now=now - 3 * DAY + 5 * HOUR,
    )
    services.send_message(
        sender=writers[0],
        conversation=first,
        body="Ja, den er skøn! Søndag passer mig fint.",
        client_token=_token("answered-3"),
        now=now - 2 * DAY,
    )

    # Politely declined: Anne wrote to someone who answered with the warm goodbye.
    declined = services.start_conversation(
        sender=anne,
        post=posts[0],
        body="Hej! Jeg læste dit opslag og kunne godt tænke mig at høre mere.",
        client_token=_token("declined-1"),
        now=now - 4 * DAY,
    ).conversation
    services.send_ready_reply(
        sender=posts[0].author,
        conversation=declined,
        reply="decline",
        client_token=_token("declined-2"),
        now=now - 3 * DAY,
    )

    # Awaiting reply, with the 2-day reminder already out: Anne has someone waiting.
    services.start_conversation(
        sender=writers[1],
        post=mine,
        body="Hej Anne, jeg spiller også brætspil. Har du lyst til at spille en aften?",
        client_token=_token("awaiting-1"),
        now=now - 2 * DAY - 6 * HOUR,
    )
    closure.send_reminders(now=now)

    # Closed after silence: Anne wrote eight days ago and heard nothing.
    services.start_conversation(
        sender=anne,
        post=posts[1],
        body="Hej! Jeg vil gerne være med. Hvornår mødes I?",
        client_token=_token("closed-1"),
        now=now - 8 * DAY,
    )
    closure.close_silent_conversations(now=now)

    # Meeting agreed, still ahead.
    agreed = services.start_conversation(
        sender=anne,
        post=posts[2],
        body="Hej! Jeg vil rigtig gerne med på en gåtur.",
        client_token=_token("meeting-1"),
        now=now - 5 * DAY,
    ).conversation
    services.send_message(
        sender=posts[2].author,
        conversation=agreed,
        body="Hej Anne! Hvor hyggeligt. Skal vi mødes til kaffe først?",
        client_token=_token("meeting-2"),
        now=now - 4 * DAY,
    )
    meeting = meetings.propose_meeting(
        proposer=posts[2].author,
        conversation=agreed,
        starts_at=(now + 3 * DAY).replace(hour=14, minute=0, second=0, microsecond=0),
        place="Café Vestergade, Aalborg",
        now=now - 4 * DAY + HOUR,
    )
    meetings.answer_meeting(user=anne, meeting=meeting, answer="accept", now=now - 3 * DAY)

    # Met last week: the check-in waits for Anne.
    met = services.start_conversation(
        sender=anne,
        post=posts[3],
        body="Hej! Jeg er også glad for at bage. Skal vi bage sammen en dag?",
        client_token=_token("met-1"),
        now=now - 12 * DAY,
    ).conversation
    past = meetings.propose_meeting(
        proposer=posts[3].author,
        conversation=met,
        starts_at=(now - 6 * DAY).replace(hour=15, minute=0, second=0, microsecond=0),
        place="Hovedbiblioteket, Aalborg",
        now=now - 11 * DAY,
    )
    meetings.answer_meeting(user=anne, meeting=past, answer="accept", now=now - 10 * DAY)

    # The demo starts with nothing owed by e-mail: these are stories, not news.
    Outbox.objects.filter(Q(conversation__starter=anne) | Q(conversation__recipient=anne)).delete()
    return Conversation.objects.filter(Q(starter=anne) | Q(recipient=anne)).count()
