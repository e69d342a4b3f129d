"""The youth space: coarse distance for minors, the birth date, and moving at 18."""

import datetime

from django.urls import reverse
from django.utils import timezone

from belong.accounts.models import User
from belong.adulthood.services import move_new_adults
from belong.messaging.models import Conversation, Message, MessageKind
from belong.messaging.services import start_conversation
from belong.posts.models import Post, Status
from belong.posts.search import SearchQuery, search_posts
from belong.posts.visibility import visible_posts
from belong.safety.models import Notice, YouthTransition
from tests.factories import UserFactory, make_post, years_ago


def _born(years: int, days: int = 0) -> datetime.date:
    return years_ago(years, days=days)


def test_minors_see_no_distance_only_the_municipality(client, minor, aalborg_postcode):
    friend = UserFactory(birth_date=_born(15), postcode=aalborg_postcode, display_name="Ida")
    post = make_post(friend, title="Brætspil", reach="country")
    results = search_posts(viewer=minor, query=SearchQuery())
    assert [p.pk for p in results.posts] == [post.pk]
    assert results.posts[0].distance_km is None

    client.force_login(minor)
    html = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert "Aalborg" in html
    assert "km væk" not in html
    search_html = client.get(reverse("search"), {"where": "country"}).content.decode()
    assert "Brætspil" in search_html
    assert "km væk" not in search_html


def test_adults_still_see_kilometres(client, citizen, aalborg_postcode):
    neighbour = UserFactory(postcode=aalborg_postcode)
    post = make_post(neighbour, reach="country")
    client.force_login(citizen)
    assert "0 km væk" in client.get(reverse("post_detail", args=[post.pk])).content.decode()


def test_a_citizen_cannot_change_their_birth_date(client, citizen):
    born = citizen.birth_date
    client.force_login(citizen)
    client.post(
        reverse("profile_edit"),
        {
            "display_name": "Anne",
            "gender": "woman",
            "postcode": "9000",
            "about": "",
            "birth_date": "2015-01-01",
        },
    )
    citizen.refresh_from_db()
    assert citizen.birth_date == born
    assert 'name="birth_date"' not in client.get(reverse("profile_edit")).content.decode()


# --- Moving to the adult space --------------------------------------------------------------


def _youth_pair(aalborg_postcode):
    """Emil turns 18 tomorrow; Sofie is 15. Emil wrote to Sofie's post."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    emil = UserFactory(
        display_name="Emil",
        birth_date=tomorrow.replace(year=tomorrow.year - 18),
        postcode=aalborg_postcode,
    )
    sofie = UserFactory(display_name="Sofie", birth_date=_born(15), postcode=aalborg_postcode)
    emils_post = make_post(emil, title="Skater søger skatere")
    sofies_post = make_post(sofie, title="Tegning")
    start_conversation(sender=emil, post=sofies_post, body="Hej!", client_token="tok-emil-1")
    return emil, sofie, emils_post


def test_on_the_18th_birthday_conversations_close_kindly_and_youth_posts_pause(
    aalborg_postcode,
):
    now = timezone.now()
    emil, sofie, emils_post = _youth_pair(aalborg_postcode)
    assert emils_post.is_youth

    # The day before the birthday nothing moves.
    assert move_new_adults(now=now) == []
    birthday = now + datetime.timedelta(days=1)
    assert move_new_adults(now=birthday) == [emil.pk]

    emils_post.refresh_from_db()
    assert emils_post.status == Status.PAUSED
    conversation = Conversation.objects.get()
    assert conversation.status == "closed"
    note = Message.objects.get(kind=MessageKind.ADULT)
    assert (note.sender, note.recipient) == (None, sofie)
    assert "Emil" in note.body and "18" in note.body
    notice = Notice.objects.get()
    assert (notice.user, notice.kind) == (emil, "adult_space")

    # Idempotent: a second run (or a retry) changes nothing and tells nobody twice.
    assert move_new_adults(now=birthday) == []
    assert Message.objects.filter(kind=MessageKind.ADULT).count() == 1
    assert Notice.objects.count() == 1
    assert YouthTransition.objects.filter(user=emil).count() == 1


def test_a_resumed_post_moves_into_the_adult_space(aalborg_postcode, citizen):
    now = timezone.now()
    emil, _sofie, emils_post = _youth_pair(aalborg_postcode)
    with _today(now + datetime.timedelta(days=1)):
        move_new_adults(now=now + datetime.timedelta(days=1))
        from belong.posts.services import resume_post

        emil = User.objects.get(pk=emil.pk)
        resume_post(author=emil, post=Post.objects.get(pk=emils_post.pk))
        post = Post.objects.get(pk=emils_post.pk)
        assert (post.status, post.is_youth) == (Status.PUBLISHED, False)
        assert visible_posts(citizen).filter(pk=post.pk).exists()


def test_adults_who_joined_as_adults_are_left_alone(citizen):
    make_post(citizen)
    assert move_new_adults() == []
    assert not Notice.objects.exists()


class _today:
    """Freeze django.utils.timezone.now (and so localdate) at `moment`."""

    def __init__(self, moment):
        self.moment = moment

    def __enter__(self):
        from unittest import mock

        self.patch = mock.patch("django.utils.timezone.now", return_value=self.moment)
        self.patch.start()

    def __exit__(self, *exc):
        self.patch.stop()


def test_the_hourly_tick_runs_the_move(db):
    from django.conf import settings

    from belong.adulthood.tasks import move_adults_out_of_youth_space

    assert "belong.adulthood.tasks.move_adults_out_of_youth_space" in settings.BELONG_PERIODIC_TASKS
    assert move_adults_out_of_youth_space.call() == 0


def test_a_birth_date_corrected_by_staff_moves_the_citizen_by_the_same_path(
    aalborg_postcode, aalborg
):
    from belong.accounts.services import correct_birth_date
    from tests.staff import make_staff

    administrator = make_staff(aalborg, "administrator", display_name="Alma")
    emil, sofie, emils_post = _youth_pair(aalborg_postcode)
    correct_birth_date(
        staff=administrator, user=emil, birth_date=_born(25), reason="typed the year wrong"
    )
    emils_post.refresh_from_db()
    assert emils_post.status == Status.PAUSED
    assert Conversation.objects.get().status == "closed"
    note = Message.objects.get(kind=MessageKind.ADULT)
    assert note.recipient == sofie and "Emil er over 18" in note.body
    assert Notice.objects.get(user=emil).kind == "adult_by_age"
    # The daily move finds nothing more to do, and a correction back moves him back.
    assert move_new_adults() == []
    correct_birth_date(staff=administrator, user=emil, birth_date=_born(16), reason="after all")
    assert not YouthTransition.objects.filter(user=emil).exists()
    # Nothing of his was left in the adult space to move, so no notice either.
    assert not Notice.objects.filter(user=emil, kind="youth_by_age").exists()
