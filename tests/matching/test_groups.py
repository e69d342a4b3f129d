"""Small groups: offered to people near each other who seek the same thing, started when
three have said yes, with a group conversation under the rules of every conversation."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from belong.matching.groups import (
    GROUP_MIN,
    answer_small_group,
    get_group_for_member,
    messages_for,
    offer_small_groups,
    offers_for,
    send_group_message,
)
from belong.matching.models import GroupMessage, SmallGroup, SmallGroupMember
from belong.matching.tasks import offer_small_groups_daily
from belong.safety.models import Block, Report
from tests.factories import UserFactory, make_post, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def walkers(aalborg_postcode):
    """Three women in Aalborg who want a friend to walk with."""
    people = [
        UserFactory(display_name=name, postcode=aalborg_postcode)
        for name in ("Mette", "Nina", "Sara")
    ]
    for person in people:
        make_post(person, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    return people


def test_a_small_group_forms_from_three_citizens(walkers):
    assert offer_small_groups() == 1
    group = SmallGroup.objects.get()
    assert {m.user for m in group.members.all()} == set(walkers)
    mette, nina, sara = walkers
    assert [offer.group for offer in offers_for(mette)] == [group]

    answer_small_group(user=mette, group_id=group.pk, yes=True)
    answer_small_group(user=nina, group_id=group.pk, yes=True)
    group.refresh_from_db()
    assert group.started_at is None
    # Before it starts, nobody is in a group conversation.
    with pytest.raises(Http404):
        get_group_for_member(mette, group.pk)

    answer_small_group(user=sara, group_id=group.pk, yes=True)
    group.refresh_from_db()
    assert group.started_at is not None
    assert get_group_for_member(sara, group.pk) == group
    assert offers_for(mette) == []
    # Offered once: the next day's run does not offer the same again.
    assert offer_small_groups_daily.call() == 0


def test_it_does_not_start_without_three_yes(walkers):
    offer_small_groups()
    group = SmallGroup.objects.get()
    mette, nina, sara = walkers
    answer_small_group(user=mette, group_id=group.pk, yes=True)
    answer_small_group(user=nina, group_id=group.pk, yes=True)
    answer_small_group(user=sara, group_id=group.pk, yes=False)
    group.refresh_from_db()
    assert group.started_at is None
    assert GROUP_MIN == 3


def test_a_blocked_pair_is_never_in_one_group(walkers, aalborg_postcode):
    mette, nina, sara = walkers
    Block.objects.create(blocker=mette, blocked=nina)
    # Without Mette or Nina there are only two left: no group.
    assert offer_small_groups() == 0
    fourth = UserFactory(display_name="Lone", postcode=aalborg_postcode)
    make_post(fourth, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    assert offer_small_groups() == 1
    members = {m.user_id for m in SmallGroupMember.objects.all()}
    assert not {mette.pk, nina.pk} <= members


def test_a_block_after_the_offer_keeps_the_pair_apart(walkers):
    offer_small_groups()
    group = SmallGroup.objects.get()
    mette, nina, _sara = walkers
    answer_small_group(user=mette, group_id=group.pk, yes=True)
    Block.objects.create(blocker=nina, blocked=mette)
    with pytest.raises(ValidationError):
        answer_small_group(user=nina, group_id=group.pk, yes=True)


def test_minors_and_adults_are_never_in_one_group(aalborg_postcode):
    adults = [UserFactory(postcode=aalborg_postcode) for _ in range(2)]
    minors = [UserFactory(postcode=aalborg_postcode, birth_date=years_ago(15)) for _ in range(2)]
    for person in adults + minors:
        make_post(person, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    assert offer_small_groups() == 0
    third_minor = UserFactory(postcode=aalborg_postcode, birth_date=years_ago(16))
    make_post(third_minor, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    assert offer_small_groups() == 1
    group = SmallGroup.objects.get()
    assert group.is_youth
    assert {m.user for m in group.members.all()} == {*minors, third_minor}


def test_people_far_apart_or_seeking_other_things_are_not_grouped(walkers, nordjylland):
    mette, nina, sara = walkers
    far = UserFactory(postcode=nordjylland["9800"])  # Hjørring, 45 km away
    make_post(far, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    other_thing = UserFactory(postcode=mette.postcode)
    make_post(other_thing, motive="friend", interests=["music"], reach="near", reach_km=10)
    offer_small_groups()
    members = {m.user for m in SmallGroupMember.objects.all()}
    assert members == {mette, nina, sara}


@pytest.fixture
def started(walkers):
    offer_small_groups()
    group = SmallGroup.objects.get()
    for person in walkers:
        answer_small_group(user=person, group_id=group.pk, yes=True)
    group.refresh_from_db()
    return group


def test_the_group_conversation(client, started, walkers):
    mette, nina, _sara = walkers
    client.force_login(mette)
    page = client.get(reverse("small_group", args=[started.pk]))
    assert page.status_code == 200
    assert "Nina" in page.content.decode()
    sent = client.post(reverse("small_group", args=[started.pk]), {"body": "Hej alle sammen!"})
    assert sent.status_code == 302
    ready = client.post(reverse("small_group", args=[started.pk]), {"ready": "hello"})
    assert ready.status_code == 302
    assert GroupMessage.objects.filter(group=started).count() == 2
    assert GroupMessage.objects.filter(is_ready_made=True).count() == 1
    # Empty or unknown input: a polite error, never a 500.
    empty = client.post(reverse("small_group", args=[started.pk]), {"body": "  "})
    assert empty.status_code == 400
    unknown = client.post(reverse("small_group", args=[started.pk]), {"ready": "nonsense"})
    assert unknown.status_code == 400
    client.force_login(nina)
    page = client.get(reverse("small_group", args=[started.pk]))
    assert "Hej alle sammen!" in page.content.decode()


def test_someone_blocked_is_not_heard_in_the_group(started, walkers):
    mette, nina, sara = walkers
    send_group_message(sender=mette, group=started, body="Hej fra Mette")
    Block.objects.create(blocker=nina, blocked=mette)
    assert [m.body for m in messages_for(started, nina)] == []
    assert [m.body for m in messages_for(started, sara)] == ["Hej fra Mette"]


def test_a_group_message_can_be_reported_by_another_member(client, started, walkers):
    mette, nina, _sara = walkers
    message = send_group_message(sender=mette, group=started, body="Noget grimt")
    client.force_login(nina)
    url = reverse("small_group_report", args=[started.pk, message.pk])
    assert client.get(url).status_code == 200
    answer = client.post(url, {"reason": "harassment", "details": ""})
    assert answer.status_code == 302
    report = Report.objects.get()
    assert report.reported == mette and report.target == "groupmsg"
    # Nobody reports their own message.
    client.force_login(mette)
    assert client.get(url).status_code == 404


def test_outsiders_get_404(client, started, outsider):
    client.force_login(outsider)
    assert client.get(reverse("small_group", args=[started.pk])).status_code == 404
    answer = client.post(reverse("small_group_answer", args=[started.pk]), {"answer": "yes"})
    assert answer.status_code == 404


def test_the_offer_is_on_the_suggestions_page_and_answered_there(client, walkers):
    offer_small_groups()
    group = SmallGroup.objects.get()
    mette, nina, sara = walkers
    client.force_login(mette)
    page = client.get(reverse("suggestions")).content.decode()
    assert "Ja, jeg vil gerne være med" in page
    answer = client.post(reverse("small_group_answer", args=[group.pk]), {"answer": "yes"})
    assert answer.status_code == 302 and answer.url == reverse("suggestions")
    answer_small_group(user=nina, group_id=group.pk, yes=True)
    client.force_login(sara)
    answer = client.post(reverse("small_group_answer", args=[group.pk]), {"answer": "yes"})
    assert answer.url == reverse("small_group", args=[group.pk])


def test_an_18th_birthday_takes_someone_out_of_a_youth_group(aalborg_postcode):
    from belong.core import clock
    from belong.matching.youth import ON_CHANGING_SPACE

    minors = [UserFactory(postcode=aalborg_postcode, birth_date=years_ago(17)) for _ in range(4)]
    for person in minors:
        make_post(person, motive="friend", interests=["walks-nature"], reach="near", reach_km=10)
    offer_small_groups()
    group = SmallGroup.objects.get()
    for person in minors:
        answer_small_group(user=person, group_id=group.pk, yes=True)
    for step in ON_CHANGING_SPACE:
        step(user=minors[0], now=clock.now(), youth=False, reason="birthday")
    assert SmallGroupMember.objects.get(group=group, user=minors[0]).answer == "no"
    with pytest.raises(Http404):
        get_group_for_member(minors[0], group.pk)


def test_a_moderator_reads_a_reported_group_message_and_the_read_is_logged(
    client, started, walkers, aalborg
):
    from belong.core.models import StaffAccess
    from belong.moderation.services import read_reported_message, report_content
    from belong.moderation.targets import report_target
    from belong.municipalities.models import StaffRole
    from tests.staff import make_staff

    mette, nina, _sara = walkers
    message = send_group_message(sender=mette, group=started, body="Noget grimt")
    report = report_content(reporter=nina, target="groupmsg", obj=message, reason="harassment")
    moderator = make_staff(aalborg, StaffRole.Role.MODERATOR, display_name="Mona")
    assert read_reported_message(moderator=moderator, report=report) == message
    assert StaffAccess.objects.filter(action=f"reported_groupmsg:{message.pk}").exists()
    report_target("groupmsg").hide(message.pk, now=message.created_at)
    client.force_login(nina)
    page = client.get(reverse("small_group", args=[started.pk])).content.decode()
    assert "Noget grimt" not in page


def test_one_new_offer_a_day_at_most(aalborg_postcode):
    people = [UserFactory(postcode=aalborg_postcode) for _ in range(3)]
    for person in people:
        make_post(
            person, motive="friend", interests=["walks-nature", "music"], reach="near", reach_km=10
        )
    assert offer_small_groups() == 1
    # The next day, the other shared interest.
    assert offer_small_groups() == 1
    assert offer_small_groups() == 0
