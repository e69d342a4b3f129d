"""Inactive accounts: one e-mail when nobody has logged in for 24 months, erasure (through
the ordinary erasure, tombstone included) at 25; a login in between starts the count again.
Run with the test clock (`belong tick --now`) on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from belong.accounts.models import User
from belong.core import clock
from belong.privacy.inactivity import months_after, months_before
from belong.privacy.models import ErasureRequest, InactivityWarning
from belong.privacy.retention import apply_retention
from belong.privacy.services import erase_account
from belong.privacy.tombstones import tombstones
from tests.factories import UserFactory

MINUTE = datetime.timedelta(minutes=1)
NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def seen(user, moment):
    User.objects.filter(pk=user.pk).update(last_login=moment, date_joined=moment - MINUTE)


def counts_of(result):
    return {key: value for key, value in result.items() if key.startswith("privacy.inactive")}


def test_months_are_calendar_months():
    moment = datetime.datetime(2026, 3, 31, 10, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 10, tzinfo=datetime.UTC)
    assert months_before(moment, 24) == datetime.datetime(2024, 3, 31, 10, tzinfo=datetime.UTC)
    assert months_after(moment, 11) == datetime.datetime(2027, 2, 28, 10, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=False)
def test_exactly_the_inactive_are_warned_once_and_erased_a_month_later(
    mailoutbox, django_capture_on_commit_callbacks
):
    old = UserFactory(display_name="Gammel")
    seen(old, months_before(NOW, 24) - MINUTE)
    young = UserFactory(display_name="Ung")
    seen(young, months_before(NOW, 24) + MINUTE)
    never_back = UserFactory(display_name="Aldrig")
    User.objects.filter(pk=never_back.pk).update(
        last_login=None, date_joined=months_before(NOW, 30)
    )
    staff = UserFactory(display_name="Personale", is_staff=True)
    seen(staff, months_before(NOW, 30))
    erased = UserFactory(display_name="Slettet")
    seen(erased, months_before(NOW, 30))
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=erased, now=NOW - datetime.timedelta(days=400))

    with django_capture_on_commit_callbacks(execute=True):
        first = apply_retention(now=NOW)
    assert counts_of(first) == {
        "privacy.inactive_accounts_erased": 0,
        "privacy.inactive_accounts_warned": 2,
    }
    assert set(InactivityWarning.objects.values_list("user__display_name", flat=True)) == {
        "Gammel",
        "Aldrig",
    }
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([old.email, never_back.email])
    assert "logge ind inden" in mailoutbox[0].body
    assert mailoutbox[0].subject == "Vil du stadig gerne have din konto på Belong?"

    # Once: running again warns nobody again; a day later the young one has passed 24 months.
    with django_capture_on_commit_callbacks(execute=True):
        again = apply_retention(now=NOW)
    assert counts_of(again)["privacy.inactive_accounts_warned"] == 0
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        next_day = apply_retention(now=NOW + datetime.timedelta(days=1))
    assert counts_of(next_day)["privacy.inactive_accounts_warned"] == 1
    assert mailoutbox[-1].to == [young.email]

    # A minute before the 25 months (and the month after the warning) nobody goes.
    just_before = months_after(NOW, 1) - MINUTE
    with django_capture_on_commit_callbacks(execute=True):
        early = apply_retention(now=just_before)
    assert counts_of(early)["privacy.inactive_accounts_erased"] == 0

    # At 25 months the warned are erased through the ordinary erasure.
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tick", "--now", months_after(NOW, 1).isoformat(), stdout=out)
    assert "'privacy.inactive_accounts_erased': 2" in out.getvalue()
    for person in (old, never_back):
        person.refresh_from_db()
        assert person.email is None and not person.is_active and person.display_name == ""
        assert ErasureRequest.objects.get(user=person).erased_at is not None
    assert {old.pk, never_back.pk} <= tombstones()
    # The young one, warned a day later, has a day left; the staff member is untouched.
    assert InactivityWarning.objects.get().user == young
    young.refresh_from_db()
    assert young.is_active
    staff.refresh_from_db()
    assert staff.is_active and staff.email


@pytest.mark.django_db
def test_logging_in_after_the_warning_starts_the_count_again(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(display_name="Tilbage")
    seen(person, months_before(NOW, 24) - MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(now=NOW)
    assert InactivityWarning.objects.filter(user=person).exists()

    client.force_login(person)  # a real login: Django sets last_login and tells privacy
    assert not InactivityWarning.objects.filter(user=person).exists()

    with django_capture_on_commit_callbacks(execute=True):
        later = apply_retention(now=months_after(NOW, 1))
    assert counts_of(later) == {
        "privacy.inactive_accounts_erased": 0,
        "privacy.inactive_accounts_warned": 0,
    }
    person.refresh_from_db()
    assert person.is_active and person.email


@pytest.mark.django_db
def test_a_warning_from_before_a_login_does_not_count(django_capture_on_commit_callbacks):
    """Also when the login did not reach the signal (an import, a restore): the last login
    after the warning wins."""
    person = UserFactory(display_name="Importeret")
    seen(person, months_before(NOW, 24) - MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(now=NOW)
    seen(person, NOW + datetime.timedelta(days=3))
    with clock.set_to(months_after(NOW, 1)):
        with django_capture_on_commit_callbacks(execute=True):
            result = apply_retention()
    assert counts_of(result)["privacy.inactive_accounts_erased"] == 0
    assert not InactivityWarning.objects.filter(user=person).exists()
    person.refresh_from_db()
    assert person.is_active


@pytest.mark.django_db
def test_the_periods_are_settings(settings, django_capture_on_commit_callbacks):
    settings.BELONG_RETENTION_INACTIVE_WARNING_MONTHS = 6
    settings.BELONG_RETENTION_INACTIVE_ERASURE_MONTHS = 8
    person = UserFactory()
    seen(person, months_before(NOW, 6) - MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        assert counts_of(apply_retention(now=NOW))["privacy.inactive_accounts_warned"] == 1
    warning = InactivityWarning.objects.get(user=person)
    assert warning.erase_after == months_after(NOW, 2)
