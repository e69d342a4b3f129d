"""Every dashboard figure is counted right on a small seeded world: one month in Aalborg,
with a little in Vejle and in the months around it that must not be counted."""

import datetime

import pytest

from belong.accounts.models import AssistedSignup, Gender
from belong.activities.models import Activity, ActivityStatus, SignUp, SignUpStatus
from belong.core.disclosure import Month
from belong.messaging.models import (
    CheckIn,
    Conversation,
    ConversationStatus,
    Meeting,
    MeetingStatus,
    Message,
)
from belong.municipalities.models import HelpRequest
from belong.posts.models import Post
from belong.safety.models import ModerationAction, Report
from belong.statistics.models import MonthlyFigure
from belong.statistics.rollup import roll_up_month
from belong.support.models import SupportRequest
from tests.factories import UserFactory, make_post, years_ago

pytestmark = pytest.mark.django_db

MARCH = Month(2026, 3)


def at(day, hour=12, month=3):
    return datetime.datetime(2026, month, day, hour, tzinfo=datetime.UTC)


def rolled_up(municipality, month=MARCH):
    roll_up_month(month=month)
    return {
        row.figure: row.value
        for row in MonthlyFigure.objects.filter(municipality=municipality, month=month.first_day)
    }


def contact(post, starter, *, created, answered=None, status=ConversationStatus.AWAITING):
    return Conversation.objects.create(
        post=post,
        starter=starter,
        recipient=post.author,
        post_title=post.title,
        created_at=created,
        answered_at=answered,
        status=status,
    )


@pytest.fixture
def world(aalborg_postcode, vejle_postcode):
    aalborg = aalborg_postcode.municipality
    place = {"postcode": aalborg_postcode}
    # Members: 2 joined in February, 4 in March; genders and ages spread; one staff member,
    # one who joined in April and one in Vejle are not members of Aalborg in March.
    people = [
        UserFactory(
            **place, date_joined=at(5, month=2), gender=Gender.WOMAN, birth_date=years_ago(15)
        ),
        UserFactory(
            **place, date_joined=at(6, month=2), gender=Gender.MAN, birth_date=years_ago(25)
        ),
        UserFactory(**place, date_joined=at(1), gender=Gender.WOMAN, birth_date=years_ago(34)),
        UserFactory(**place, date_joined=at(2), gender=Gender.WOMAN, birth_date=years_ago(71)),
        UserFactory(**place, date_joined=at(3), gender=Gender.OTHER, birth_date=None),
        UserFactory(
            **place, date_joined=at(4), gender=Gender.UNSPECIFIED, birth_date=years_ago(45)
        ),
    ]
    facilitator = UserFactory(**place, date_joined=at(5), is_staff=True)
    UserFactory(**place, date_joined=at(2, month=4))
    UserFactory(postcode=vejle_postcode, date_joined=at(5))
    author, reader, other = people[2], people[3], people[4]

    posts = [make_post(author=author) for _ in range(3)]
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(published_at=at(2))
    february_post = make_post(author=author)
    Post.objects.filter(pk=february_post.pk).update(published_at=at(20, month=2))

    # First contacts in March: within an hour, after 80 hours, after 8 days, never, and a
    # kind goodbye; one on February's post made in March counts as a March contact too.
    quick = contact(posts[0], reader, created=at(3), answered=at(3, 13))
    contact(posts[0], other, created=at(4), answered=at(4) + datetime.timedelta(hours=80))
    contact(posts[1], reader, created=at(5), answered=at(13))
    contact(posts[1], other, created=at(6))
    contact(
        february_post, reader, created=at(7), answered=at(7, 14), status=ConversationStatus.DECLINED
    )
    contact(posts[2], people[0], created=at(1, month=4))  # April: not March's

    Message.objects.create(
        conversation=quick, sender=reader, recipient=author, body="Hej", created_at=at(3)
    )
    agreed = Meeting.objects.create(
        conversation=quick,
        proposed_by=reader,
        starts_at=at(20),
        place="Kildeparken",
        status=MeetingStatus.ACCEPTED,
        answered_at=at(10),
    )
    Meeting.objects.create(
        conversation=quick,
        proposed_by=reader,
        starts_at=at(21),
        place="Havnen",
        status=MeetingStatus.DECLINED,
        answered_at=at(10),
    )
    CheckIn.objects.create(
        meeting=agreed, user=reader, met=True, meet_again="yes", answered_at=at(21)
    )
    CheckIn.objects.create(
        meeting=agreed, user=author, met=True, meet_again="maybe", answered_at=at(21)
    )

    def activity(starts, status=ActivityStatus.SCHEDULED):
        return Activity.objects.create(
            title="Gåtur",
            description="Vi går",
            municipality=aalborg,
            facilitator=facilitator,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=10,
            status=status,
        )

    walk = activity(at(15))
    activity(at(16), ActivityStatus.CANCELLED)
    activity(at(15, month=4))
    SignUp.objects.create(
        activity=walk, user=people[0], status=SignUpStatus.CONFIRMED, queued_at=at(8), attended=True
    )
    SignUp.objects.create(
        activity=walk,
        user=people[1],
        status=SignUpStatus.CONFIRMED,
        queued_at=at(9),
        attended=False,
    )
    SignUp.objects.create(
        activity=walk, user=people[5], status=SignUpStatus.CANCELLED, queued_at=at(9)
    )

    SupportRequest.objects.create(
        citizen=people[5],
        municipality=aalborg,
        kind="talk",
        contact="email",
        created_at=at(10),
        assigned_at=at(10, 15),
    )
    SupportRequest.objects.create(
        citizen=people[5], municipality=aalborg, kind="talk", contact="email", created_at=at(11)
    )
    HelpRequest.objects.create(
        municipality=aalborg,
        name="Karen",
        contact="email",
        email="karen@example.dk",
        description="Jeg kan ikke finde mit opslag",
        created_at=at(12),
        handled_at=at(12, 14),
    )
    AssistedSignup.objects.create(
        citizen=people[3], staff=None, municipality=aalborg, consented_at=at(2)
    )
    Report.objects.create(
        reporter=reader,
        reported=author,
        target="post",
        municipality=aalborg,
        reason="scam",
        created_at=at(14),
    )
    ModerationAction.objects.create(
        moderator=None,
        subject=author,
        municipality=aalborg,
        kind="dismiss",
        reason="OK",
        created_at=at(15),
    )
    return aalborg


def test_the_members_figures(world):
    found = rolled_up(world)
    assert found["members"] == 6
    assert found["new_members"] == 4
    # Active in March: the author (posts), the reader (a message), and three who signed up
    # for an activity (one cancelled later: signing up was still taking part).
    assert found["active_members"] == 5
    assert found["assisted_signups"] == 1


def test_the_gender_split_and_the_age_bands_add_up_to_the_members(world):
    found = rolled_up(world)
    genders = {g.value: found[f"members_gender_{g.value}"] for g in Gender}
    assert genders == {"woman": 3, "man": 1, "other": 1, "unspecified": 1}
    ages = {name: value for name, value in found.items() if name.startswith("members_age_")}
    assert ages == {
        "members_age_13_17": 1,
        "members_age_18_29": 1,
        "members_age_30_39": 1,
        "members_age_40_49": 1,
        "members_age_50_59": 0,
        "members_age_60_69": 0,
        "members_age_70_plus": 1,
        "members_age_unknown": 1,
    }
    assert sum(genders.values()) == sum(ages.values()) == found["members"]


def test_posts_and_first_contacts(world):
    found = rolled_up(world)
    assert found["published_posts"] == 3
    # All three of March's posts: the third got its contact in April, and a post's contacts
    # are read as of the rollup.
    assert found["posts_with_contact"] == 3
    assert found["conversations"] == 5
    assert found["first_contacts_answered_72h"] == 2
    assert found["first_contacts_answered_7d"] == 3
    assert found["first_contacts_closed_kindly"] == 1
    assert found["first_reply_n"] == 4
    # 60, 120, 4800 and 11520 minutes: the median lies between the middle two.
    assert found["first_reply_median_minutes"] == 2460


def test_meetings_and_check_ins(world):
    found = rolled_up(world)
    assert found["meetings_agreed"] == 1
    assert found["checkins"] == 2
    assert found["checkins_met"] == 2
    assert found["checkins_meet_again"] == 1


def test_activities_support_help_and_moderation(world):
    found = rolled_up(world)
    assert found["activities_held"] == 1
    assert found["activity_signups"] == 2
    assert found["activity_attendance"] == 1
    assert found["support_requests"] == 2
    assert found["support_taken_on"] == 1
    assert found["support_wait_median_minutes"] == 180
    assert found["help_requests"] == 1
    assert found["help_requests_handled"] == 1
    assert found["help_handled_median_minutes"] == 120
    assert found["reports"] == 1
    assert found["moderation_actions"] == 1


def test_another_municipality_and_other_months_count_apart(world, vejle_postcode):
    vejle = rolled_up(vejle_postcode.municipality)
    assert vejle["members"] == 1
    assert vejle["conversations"] == 0
    april = rolled_up(world, Month(2026, 4))
    assert april["new_members"] == 1
    assert april["conversations"] == 1
    assert april["activities_held"] == 1


def test_the_rollup_is_idempotent_and_counts_with_a_bounded_number_of_queries(
    world, django_assert_max_num_queries
):
    first = rolled_up(world)
    rows = MonthlyFigure.objects.count()
    # One grouped query per figure, whatever the number of municipalities or rows.
    with django_assert_max_num_queries(len(first) + 10):
        roll_up_month(month=MARCH)
    assert MonthlyFigure.objects.count() == rows
    assert rolled_up(world) == first
