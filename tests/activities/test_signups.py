"""Sign-up is first come, first served; the waitlist is promoted in order and the person
promoted is told; it never overbooks, also when many sign up at once."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.http import Http404
from django.utils import timezone

from belong.activities import calendars, emails, services
from belong.activities.models import ActivityCheckIn, ActivityEmail, SignUp, SignUpStatus
from belong.organisations.services import (
    add_member,
    decide_adult_contact,
    propose_adult_contact,
)
from tests.factories import UserFactory
from tests.local_life import activity_fields, make_activity, make_organisation
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_places_go_first_come_first_served(walk, citizen, bo, outsider):
    assert services.sign_up(user=citizen, activity=walk).status == SignUpStatus.CONFIRMED
    assert services.sign_up(user=bo, activity=walk).status == SignUpStatus.CONFIRMED
    late = services.sign_up(user=outsider, activity=walk)
    assert late.status == SignUpStatus.WAITLISTED
    assert services.waitlist_position(late) == 1
    # Signing up twice changes nothing.
    assert services.sign_up(user=citizen, activity=walk).status == SignUpStatus.CONFIRMED
    assert SignUp.objects.filter(activity=walk).count() == 3


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(
    walk, citizen, bo, outsider, aalborg_postcode, django_capture_on_commit_callbacks
):
    services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    first = services.sign_up(user=outsider, activity=walk)
    second = services.sign_up(user=UserFactory(postcode=aalborg_postcode), activity=walk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.cancel_signup(user=bo, activity=walk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SignUpStatus.CONFIRMED and first.promoted_at
    assert second.status == SignUpStatus.WAITLISTED
    assert services.waitlist_position(second) == 1
    row = ActivityEmail.objects.get()
    assert (row.kind, row.recipient) == ("promoted", outsider)
    assert len(callbacks) == 1


def test_cancelling_a_waitlisted_sign_up_promotes_nobody(walk, citizen, bo, outsider):
    services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    services.sign_up(user=outsider, activity=walk)
    services.cancel_signup(user=outsider, activity=walk)
    assert not ActivityEmail.objects.exists()
    assert services.places_left(walk) == 0


def test_who_comes_back_after_cancelling_queues_at_the_end(walk, citizen, bo, outsider):
    services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    services.cancel_signup(user=citizen, activity=walk)
    services.sign_up(user=outsider, activity=walk)
    again = services.sign_up(user=citizen, activity=walk)
    assert again.status == SignUpStatus.WAITLISTED


def test_age_rules_hold(facilitator, citizen, minor):
    youth = make_activity(facilitator, title="Ungecafé", age_range="youth")
    adults = make_activity(facilitator, title="Voksenkor")
    everyone = make_activity(facilitator, title="Familiedag", age_range="all")
    with pytest.raises(Http404):  # adults never see where young people meet
        services.get_activity_for_user(citizen, youth.pk)
    with pytest.raises(Http404):
        services.sign_up(user=citizen, activity=youth)
    with pytest.raises(Http404):
        services.sign_up(user=minor, activity=adults)
    assert services.sign_up(user=minor, activity=youth).status == SignUpStatus.CONFIRMED
    assert services.sign_up(user=minor, activity=everyone).status == SignUpStatus.CONFIRMED
    listed = set(services.upcoming_activities(viewer=citizen).values_list("title", flat=True))
    assert listed == {"Voksenkor", "Familiedag"}


def test_an_organisation_runs_youth_activities_only_with_vetted_adult_contacts(citizen, aalborg):
    club = make_organisation(citizen, ages="youth")
    with pytest.raises(ValidationError):
        make_activity(citizen, organisation=club, age_range="youth")
    contact = propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    decide_adult_contact(staff=make_staff(aalborg, "moderator"), contact=contact, approve=True)
    activity = make_activity(citizen, organisation=club, age_range="youth")
    assert services.can_manage(citizen, activity)


def test_only_vetted_contacts_see_the_participants_of_a_youth_activity(
    citizen, outsider, minor, aalborg
):
    club = make_organisation(citizen, ages="all")
    add_member(editor=citizen, organisation=club, email=outsider.email, role="editor")
    contact = propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    decide_adult_contact(staff=make_staff(aalborg, "moderator"), contact=contact, approve=True)
    activity = make_activity(citizen, organisation=club, age_range="all")
    services.sign_up(user=minor, activity=activity)
    assert [s.user for s in services.participants(organiser=citizen, activity=activity)] == [minor]
    with pytest.raises(Http404):  # an editor who is not a vetted contact
        services.participants(organiser=outsider, activity=activity)


def test_only_a_facilitator_creates_activities_in_a_municipality(citizen, aalborg):
    with pytest.raises(ValidationError):
        services.create_activity(organiser=citizen, municipality=aalborg, fields=activity_fields())


def test_a_weekly_series(facilitator):
    made = services.create_activity(
        organiser=facilitator,
        municipality=facilitator.municipality,
        fields=activity_fields(),
        repeat_weeks=3,
    )
    assert len(made) == 4
    assert len({a.series for a in made}) == 1
    assert made[3].starts_at - made[0].starts_at == datetime.timedelta(weeks=3)
    assert len({a.uid for a in made}) == 4


def test_approval_gives_a_place_or_the_waitlist(facilitator, citizen, bo):
    activity = make_activity(facilitator, capacity=1, needs_approval=True)
    first = services.sign_up(user=citizen, activity=activity)
    second = services.sign_up(user=bo, activity=activity)
    assert first.status == second.status == SignUpStatus.PENDING
    services.decide_signup(organiser=facilitator, signup=first, approve=True)
    services.decide_signup(organiser=facilitator, signup=second, approve=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    with pytest.raises(Http404):
        services.decide_signup(organiser=bo, signup=first, approve=False)


def test_cancelling_or_changing_the_activity_tells_everyone_once(walk, facilitator, citizen, bo):
    services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    services.update_activity(organiser=facilitator, activity=walk, fields={"place": "Biblioteket"})
    assert ActivityEmail.objects.filter(kind="changed").count() == 2
    services.cancel_activity(organiser=facilitator, activity=walk)
    services.cancel_activity(organiser=facilitator, activity=walk)
    assert ActivityEmail.objects.filter(kind="cancelled").count() == 2
    with pytest.raises(ValidationError):
        services.sign_up(user=UserFactory(postcode=citizen.postcode), activity=walk)


def test_raising_the_capacity_promotes_the_waitlist(walk, facilitator, citizen, bo, outsider):
    for person in (citizen, bo, outsider):
        services.sign_up(user=person, activity=walk)
    services.update_activity(organiser=facilitator, activity=walk, fields={"capacity": 3})
    assert SignUp.objects.get(user=outsider).status == SignUpStatus.CONFIRMED


def test_reminders_a_day_and_an_hour_before_go_once(walk, citizen):
    services.sign_up(user=citizen, activity=walk)
    start = walk.starts_at
    assert emails.send_reminders(now=start - datetime.timedelta(hours=30)) == 0
    assert emails.send_reminders(now=start - datetime.timedelta(hours=23)) == 1
    assert emails.send_reminders(now=start - datetime.timedelta(hours=22)) == 0
    assert emails.send_reminders(now=start - datetime.timedelta(minutes=50)) == 1
    assert emails.send_reminders(now=start - datetime.timedelta(minutes=40)) == 0
    kinds = sorted(ActivityEmail.objects.values_list("kind", flat=True))
    assert kinds == ["reminder_day", "reminder_hour"]


def test_attendance_and_the_private_check_in(walk, facilitator, citizen, bo):
    mine = services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    assert services.record_attendance(organiser=facilitator, activity=walk, present_ids={mine.pk})
    assert dict(SignUp.objects.values_list("user__display_name", "attended")) == {
        "Anne": True,
        "Bo": False,
    }
    with pytest.raises(Http404):
        services.record_attendance(organiser=citizen, activity=walk, present_ids=set())
    with pytest.raises(ValidationError):  # not before it has happened
        services.check_in(user=citizen, activity=walk, how_it_went="good", come_again="yes")
    later = walk.ends_at + datetime.timedelta(hours=1)
    services.check_in(user=citizen, activity=walk, how_it_went="good", come_again="yes", now=later)
    assert ActivityCheckIn.objects.get().come_again == "yes"


def test_the_ics_has_a_stable_uid(walk, facilitator):
    first = calendars.activity_ics(walk, url="http://x/")
    changed = services.update_activity(
        organiser=facilitator, activity=walk, fields={"title": "Ny titel"}
    )
    second = calendars.activity_ics(changed, url="http://x/")
    uid = f"UID:activity-{walk.uid}@belong".encode()
    assert uid in first and uid in second
    assert b"SEQUENCE:1" in second and b"Ny titel" in second


def test_the_organisation_feed_leaves_out_young_peoples_activities(citizen, aalborg):
    club = make_organisation(citizen, ages="all")
    contact = propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    decide_adult_contact(staff=make_staff(aalborg, "moderator"), contact=contact, approve=True)
    make_activity(citizen, organisation=club, title="Voksenaften")
    make_activity(citizen, organisation=club, title="Ungeaften", age_range="youth")
    make_activity(citizen, organisation=club, title="Familiedag", age_range="all")
    feed = calendars.organisation_feed(club, url_for=lambda a: "http://x/")
    assert b"Voksenaften" in feed
    assert b"Ungeaften" not in feed and b"Familiedag" not in feed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_promoted_person_gets_an_e_mail_once(walk, citizen, bo, outsider, mailoutbox):
    services.sign_up(user=citizen, activity=walk)
    services.sign_up(user=bo, activity=walk)
    services.sign_up(user=outsider, activity=walk)
    services.cancel_signup(user=bo, activity=walk)
    run_worker()
    run_worker()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [outsider.email]
    assert "Gåtur ved fjorden" in mailoutbox[0].subject
    assert f"/aktiviteter/{walk.pk}/" in mailoutbox[0].body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_tick_sends_the_reminders(walk, citizen, mailoutbox):
    SignUp.objects.create(activity=walk, user=citizen, status="confirmed")
    walk.__class__.objects.filter(pk=walk.pk).update(
        starts_at=timezone.now() + datetime.timedelta(hours=5),
        ends_at=timezone.now() + datetime.timedelta(hours=6),
    )
    call_command("tick")
    run_worker()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith("Påmindelse: Gåtur ved fjorden, ")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sign_ups_never_overbook(facilitator, aalborg_postcode, short_lived_connections):
    activity = make_activity(facilitator, capacity=5)
    people = [UserFactory(postcode=aalborg_postcode) for _ in range(20)]
    barrier = threading.Barrier(len(people))
    errors = []

    def sign(person):
        try:
            barrier.wait()
            services.sign_up(user=person, activity=activity)
        except Exception as error:  # noqa: BLE001 - any failure is counted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    statuses = list(SignUp.objects.filter(activity=activity).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waitlisted") == 15
    assert connection.vendor in ("sqlite", "postgresql")
