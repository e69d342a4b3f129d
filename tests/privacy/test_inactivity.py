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


@pytest.mark.django_db
def test_a_citizen_without_email_is_told_ahead_when_an_unused_account_is_deleted(
    client, aalborg_postcode, aalborg, mailoutbox, django_capture_on_commit_callbacks
):
    """No e-mail can warn them at 24 months, so they are told while they can be reached: on
    the printed guide, after every login and on their profile; the erasure is the same."""
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from tests.html import validate_html
    from tests.staff import make_staff, sign_in_staff

    facilitator = make_staff(aalborg, "facilitator")
    sign_in_staff(client, facilitator)
    signup = client.post(
        reverse("assisted_signup"),
        {
            "consent": "on",
            "display_name": "Karen",
            "birth_date_0": "3",
            "birth_date_1": "4",
            "birth_date_2": "1948",
            "gender": "woman",
            "postcode": "9000",
            "email": "",
            "title": "Ny i byen, søger en at drikke kaffe med",
            "body": "Jeg er 77 og kan lide kaffe og kortspil.",
            "motive": "friend",
        },
    )
    karen = User.objects.get(display_name="Karen")
    guide = client.get(signup["Location"]).content.decode()
    assert "Hvis ingen logger ind på den i 25 måneder, sletter vi den." in guide
    assert "fordi du ikke har en e-mailadresse på Belong" in guide
    code = client.session["assisted_codes"][str(karen.pk)]
    client.logout()

    landed = client.post(
        reverse("code_login"),
        {"login_name": karen.personal_code.login_name, "code": code},
        follow=True,
    )
    karen.refresh_from_db()
    date = date_format(localtime(months_after(karen.last_login, 25)), "DATE_FORMAT")
    assert f"Hvis du ikke logger ind igen før {date}, sletter vi den." in landed.content.decode()
    profile = client.get(reverse("profile"))
    validate_html(profile.content)
    assert f"Hvis du ikke logger ind før {date}, sletter vi den." in profile.content.decode()

    # The same rule as for everyone: the warning row at 24 months (no e-mail), erased at 25.
    client.logout()
    seen(karen, months_before(NOW, 24) - MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        assert counts_of(apply_retention(now=NOW))["privacy.inactive_accounts_warned"] == 1
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        later = apply_retention(now=months_after(NOW, 1))
    assert later["privacy.inactive_accounts_erased"] == 1
    karen.refresh_from_db()
    assert not karen.is_active


@pytest.mark.django_db
def test_citizens_with_email_are_not_told_on_their_profile(client, citizen):
    from django.urls import reverse

    client.force_login(citizen)
    assert 'id="konto-gemmes"' not in client.get(reverse("profile")).content.decode()
