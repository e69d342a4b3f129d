from statistics import mean

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.test import override_settings

from belong.accounts.models import Gender, User
from belong.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from belong.places.models import Municipality
from belong.places.services import load_places
from tests.conftest import FAST_HASHERS


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """The demo is seeded once for the module, in a transaction rolled back at its end;
    each test's own changes roll back with the test (a savepoint inside it)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with transaction.atomic():
            load_places()
            result = seed_demo(citizens=400)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


def test_the_demo_population_follows_the_real_platform(seeded):
    citizens = list(User.objects.filter(is_staff=False))
    assert len(citizens) >= 400
    women = sum(c.gender == Gender.WOMAN for c in citizens) / len(citizens)
    assert 0.58 < women < 0.74
    ages = [c.age() for c in citizens]
    assert min(ages) >= 13 and max(ages) <= 80
    assert 32 < mean(ages) < 40
    assert all(c.about for c in citizens)
    assert len({c.about for c in citizens}) > 200


def test_demo_citizens_live_in_licensed_municipalities(seeded):
    licensed = set(Municipality.objects.licensed())
    assert {m.name for m in licensed} >= {"Aalborg", "Aarhus"}
    assert all(
        u.postcode.municipality in licensed
        for u in User.objects.select_related("postcode__municipality")
    )


def test_the_demo_logins_work_and_are_verified(seeded, client):
    for email, _description in DEMO_LOGINS:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email=DEMO_LOGINS[1][0]).is_youth


def test_seeding_twice_adds_nothing(seeded):
    count = User.objects.count()
    again = seed_demo(citizens=400)
    assert not again.created
    assert User.objects.count() == count


def test_the_demo_has_conversations_in_every_state(seeded):
    from belong.messaging.models import Conversation, Meeting, Outbox

    anne = User.objects.get(email=DEMO_LOGINS[0][0])
    mine = Conversation.objects.filter(starter=anne) | Conversation.objects.filter(recipient=anne)
    states = set(mine.values_list("status", flat=True))
    assert states == {"answered", "declined", "awaiting", "closed"}
    assert seeded.conversations == mine.count() >= 6
    assert Meeting.objects.filter(status="accepted", conversation__in=mine).count() == 2
    assert mine.filter(status="awaiting", reminder_sent_at__isnull=False).exists()
    assert not Outbox.objects.exists()


def test_every_demo_conversation_page_renders(seeded, client):
    from django.urls import reverse

    from belong.messaging.models import Conversation
    from tests.html import validate_html

    anne = User.objects.get(email=DEMO_LOGINS[0][0])
    client.force_login(anne)
    inbox = client.get(reverse("inbox")).content.decode()
    validate_html(inbox)
    assert "En venter på dit svar." in inbox
    for conversation in Conversation.objects.filter(starter=anne) | Conversation.objects.filter(
        recipient=anne
    ):
        response = client.get(reverse("conversation", args=[conversation.pk]))
        assert response.status_code == 200
        validate_html(response.content)


def test_the_demo_has_reports_for_aalborgs_moderators(seeded):
    from belong.safety.models import Report

    reports = Report.objects.filter(municipality__name="Aalborg", status="open")
    assert reports.count() == 3
    assert reports.filter(urgent=True).exists()


def test_the_demo_staff_hold_their_roles_and_have_work_waiting(seeded):
    from belong.municipalities.models import HelpRequest
    from belong.municipalities.services import has_role
    from belong.safety.models import Report

    aalborg = Municipality.objects.get(name="Aalborg")
    mona = User.objects.get(email="moderator@demo.belong.dk")
    henrik = User.objects.get(email="hjaelp@demo.belong.dk")
    assert has_role(mona, "moderator", municipality=aalborg)
    assert not has_role(mona, "it_supporter")
    assert has_role(henrik, "it_supporter", municipality=aalborg)
    assert has_role(henrik, "facilitator", municipality=aalborg)
    assert mona.is_staff and henrik.is_staff and not mona.is_superuser
    assert not mona.posts.exists() and not henrik.posts.exists()
    assert Report.objects.filter(municipality=aalborg, status="open").count() == 3
    assert HelpRequest.objects.filter(municipality=aalborg, handled_at=None).count() == 2


def test_the_demo_has_a_support_request_waiting_and_a_first_warm_message(seeded):
    from belong.support.models import SupportNote, SupportRequest

    assert SupportRequest.objects.filter(status="waiting").exists()
    anne = User.objects.get(email=DEMO_LOGINS[0][0])
    warm = SupportNote.objects.get(request__citizen=anne, to_citizen=True)
    assert warm.author.email == DEMO_LOGINS[3][0] and "facilitator" in warm.body


def test_the_demo_has_a_citizen_waiting_for_a_first_response_and_one_written_to(seeded):
    from belong.messaging.models import Conversation, MessageKind
    from belong.support.first_response import console_rows

    henrik = User.objects.get(email=DEMO_LOGINS[3][0])
    waiting = console_rows(henrik)
    assert waiting and all(row.post_title for row in waiting)
    written = Conversation.objects.get(starter=henrik, from_municipality__isnull=False)
    assert written.recipient.pk not in {row.citizen_id for row in waiting}
    message = written.messages.get()
    assert message.kind == MessageKind.STAFF and "facilitator i Aalborg Kommune" in message.body


def test_the_demo_has_aalborgs_page_announcements_and_a_sent_newsletter(seeded, client):
    from django.utils import timezone

    from belong.accounts.models import Consent
    from belong.municipalities.models import Announcement, Newsletter

    aalborg = Municipality.objects.get(name="Aalborg")
    page = client.get(f"/kommune/{aalborg.slug}/").content.decode()
    assert "Velkommen til Belong i Aalborg" in page
    assert "Julehygge på Hasseris Bibliotek" in page
    current = Announcement.objects.current().filter(municipality=aalborg)
    assert current.count() == 2 and Announcement.objects.filter(municipality=aalborg).count() == 4
    sent = Newsletter.objects.get(municipality=aalborg, sent_at__isnull=False)
    assert sent.month < timezone.localdate().replace(day=1)
    assert sent.deliveries.count() >= 10
    assert {d.language for d in sent.deliveries.all()} == {"da", "en"}
    assert Newsletter.objects.filter(municipality=aalborg, sent_at__isnull=True).count() == 1
    anne = User.objects.get(email=DEMO_LOGINS[0][0])
    assert (
        Consent.objects.filter(purpose="newsletter")
        .filter(user=anne, withdrawn_at__isnull=True)
        .exists()
    )
    client.force_login(anne)
    assert "Julehygge på Hasseris Bibliotek" in client.get("/").content.decode()


def test_aalborgs_dashboard_has_a_year_to_tell(seeded):
    from belong.statistics.dashboard import last_complete_months
    from belong.statistics.models import MonthlyFigure

    aalborg = Municipality.objects.get(name="Aalborg")
    months = [m.first_day for m in last_complete_months()]
    figures = {
        (row.month, row.figure): row.value
        for row in MonthlyFigure.objects.filter(municipality=aalborg, month__in=months)
    }
    for month in months:
        assert figures[(month, "published_posts")] >= 18
        assert figures[(month, "conversations")] >= 10
        assert figures[(month, "first_contacts_answered_7d")] <= figures[(month, "conversations")]
        assert figures[(month, "activities_held")] >= 2
        assert figures[(month, "help_requests")] >= 4
    # Growing over the year, as Belong becomes known.
    assert figures[(months[-1], "conversations")] > figures[(months[0], "conversations")]
    last = months[-1]
    assert figures[(last, "members_gender_woman")] > figures[(last, "members")] / 2
