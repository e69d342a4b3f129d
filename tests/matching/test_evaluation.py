"""Learning from outcomes: per signal, how often a contact got a reply and a meeting, with
small figures hidden."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from belong.core import clock
from belong.matching.evaluation import evaluate_signals
from belong.messaging.models import CheckIn, Conversation, Meeting, MeetingStatus
from tests.factories import UserFactory, make_post

pytestmark = pytest.mark.django_db


def _contact(starter, post, *, replied: bool, met: bool) -> Conversation:
    now = clock.now()
    conversation = Conversation.objects.create(
        post=post,
        starter=starter,
        recipient=post.author,
        post_title=post.title,
        answered_at=now if replied else None,
    )
    if met:
        meeting = Meeting.objects.create(
            conversation=conversation,
            proposed_by=starter,
            starts_at=now - datetime.timedelta(days=1),
            place="Biblioteket",
            status=MeetingStatus.ACCEPTED,
        )
        CheckIn.objects.create(meeting=meeting, user=starter, met=True, meet_again="yes")
    return conversation


@pytest.fixture
def outcomes(aalborg_postcode):
    """Twelve contacts about posts sharing an interest with the one who wrote (six got a
    reply, five met), and three about posts sharing none (one reply)."""
    for n in range(12):
        starter = UserFactory(postcode=aalborg_postcode, interest_mask=0)
        make_post(starter, interests=["walks-nature"])
        post = make_post(UserFactory(postcode=aalborg_postcode), interests=["walks-nature"])
        _contact(starter, post, replied=n < 6, met=n < 5)
    for n in range(3):
        starter = UserFactory(postcode=aalborg_postcode, interest_mask=0)
        make_post(starter, interests=["music"])
        post = make_post(UserFactory(postcode=aalborg_postcode), interests=["walks-nature"])
        _contact(starter, post, replied=n == 0, met=False)


def test_it_counts_replies_and_meetings_per_signal(outcomes):
    rows = {(row.signal, row.band): row for row in evaluate_signals()}
    shared = rows[("shared_interest", "yes")]
    assert shared.contacts == 12
    assert shared.replied == 6
    assert shared.reply_share == 0.5
    assert shared.met == 5
    assert shared.meeting_share == pytest.approx(5 / 12)
    # Three contacts, one reply: too few to show at all.
    unshared = rows[("shared_interest", "no")]
    assert unshared.contacts is None and unshared.replied is None
    assert unshared.reply_share is None and unshared.meeting_share is None
    # All fifteen live in one postcode.
    assert rows[("distance", "under_5")].contacts == 15
    assert {row.signal for row in rows.values()} == {
        "shared_interest",
        "distance",
        "age_fit",
        "life_situation",
        "responsiveness",
    }


def test_the_command_prints_every_signal_and_hides_small_figures(outcomes):
    out = StringIO()
    call_command("match_signals", stdout=out)
    text = out.getvalue()
    for label in ("Fælles interesse", "Afstand", "Alderen passer begge veje"):
        assert label in text
    assert "50%" in text
    assert "-" in text


def test_nothing_to_learn_from_yet_shows_nothing():
    rows = evaluate_signals()
    assert rows and all(row.contacts is None and row.reply_share is None for row in rows)
