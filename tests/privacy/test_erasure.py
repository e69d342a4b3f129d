"""Slet min konto: a fresh login, 14 days in which logging in undoes it, then erasure in every
app; the other person keeps their side of the conversation, ours shown as "Slettet bruger";
staff erase on request, logged; erased ids on the tombstone list."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from belong.core.clock import set_to
from belong.core.models import StaffAccess
from belong.messaging.models import Message
from belong.messaging.services import send_message, start_conversation
from belong.posts.models import Post, Status
from belong.privacy.models import ErasureRequest
from belong.privacy.services import (
    erase_due,
    erase_on_request,
    request_erasure,
)
from belong.privacy.tombstones import tombstones
from tests.factories import PASSWORD as PASSWORD_OF_FACTORY
from tests.factories import make_post

PASSWORD = "en-lang-hemmelig-frase-42"


@pytest.fixture
def talk(citizen, outsider):
    post = make_post(author=outsider, title="Gåtur ved fjorden")
    first = start_conversation(
        sender=citizen, post=post, body="Hej, jeg går også gerne tur", client_token=None
    )
    send_message(
        sender=outsider, conversation=first.conversation, body="Dejligt!", client_token=None
    )
    make_post(author=citizen, title="Ny i byen")
    return first.conversation


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.get_or_create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_the_page_asks_for_a_fresh_login_first(citizen):
    client = Client()
    client.force_login(citizen)
    answer = client.get("/profil/slet-konto/")
    assert answer.status_code == 302 and "reauthenticate" in answer["Location"]


@pytest.mark.django_db
def test_asking_pauses_posts_logs_out_and_erases_after_14_days(
    citizen, outsider, talk, django_capture_on_commit_callbacks
):
    _with_password(citizen)
    client = Client()
    assert (
        client.post("/accounts/login/", {"login": citizen.email, "password": PASSWORD}).status_code
        == 302
    )
    # A password typed a moment ago is a fresh login: the page opens straight away.
    page = client.get("/profil/slet-konto/")
    assert page.status_code == 200
    assert "Ja, slet min konto" in page.content.decode()
    answer = client.post("/profil/slet-konto/")
    assert answer.status_code == 302
    assert "_auth_user_id" not in client.session
    request = ErasureRequest.objects.get(user=citizen)
    assert request.erase_after - request.requested_at == datetime.timedelta(days=14)
    assert Post.objects.get(author=citizen).status == Status.PAUSED

    assert erase_due(now=timezone.now() + datetime.timedelta(days=13)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_due(now=timezone.now() + datetime.timedelta(days=14, minutes=1)) == 1
    citizen.refresh_from_db()
    assert not citizen.is_active and citizen.email is None and citizen.display_name == ""
    assert not Post.objects.filter(author=citizen).exists()
    assert citizen.pk in tombstones()

    # The other person keeps their own words; ours are gone, under "Slettet bruger".
    assert Message.objects.get(sender=outsider).body == "Dejligt!"
    assert Message.objects.get(sender=citizen).body == ""
    other = Client()
    other.force_login(outsider)
    html = other.get(f"/beskeder/{talk.pk}/").content.decode()
    assert "Slettet bruger" in html and "Dejligt!" in html
    assert "Hej, jeg går også gerne tur" not in html


@pytest.mark.django_db
def test_logging_in_within_the_grace_period_undoes_it(citizen, talk):
    _with_password(citizen)
    request_erasure(user=citizen)
    answer = Client().post("/accounts/login/", {"login": citizen.email, "password": PASSWORD})
    assert answer.status_code == 302
    assert not ErasureRequest.objects.filter(user=citizen).exists()
    assert erase_due(now=timezone.now() + datetime.timedelta(days=30)) == 0
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.email


@pytest.mark.django_db
def test_the_daily_task_runs_as_of_the_clock(citizen):
    request_erasure(user=citizen)
    with set_to(timezone.now() + datetime.timedelta(days=15)):
        assert erase_due() == 1
    assert ErasureRequest.objects.get(user=citizen).erased_at is not None


@pytest.mark.django_db
def test_staff_erase_on_request_and_it_is_logged(
    citizen, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erase_on_request(staff=outsider, user=citizen, reason="Borgeren bad om det ved skranken")
    access = StaffAccess.objects.get(subject=citizen)
    assert access.action == "erase account" and access.staff == outsider
    citizen.refresh_from_db()
    assert not citizen.is_active
    assert ErasureRequest.objects.get(user=citizen).requested_by == outsider
    assert citizen.pk in tombstones()


@pytest.mark.django_db
def test_the_api_asks_for_the_password_and_can_undo(citizen):
    from tests.api.conftest import api_client_for

    api = api_client_for(citizen)
    wrong = api.post("/me/erasure", {"password": "forkert"})
    assert wrong.status_code == 400 and wrong.json()["field"] == "password"
    assert "Adgangskoden er ikke rigtig" in wrong.json()["message"]
    assert not ErasureRequest.objects.filter(user=citizen).exists()
    asked = api.post("/me/erasure", {"password": PASSWORD_OF_FACTORY})
    assert asked.status_code == 202
    assert ErasureRequest.objects.filter(user=citizen, erased_at__isnull=True).exists()
    assert api.delete("/me/erasure").status_code == 204
    assert not ErasureRequest.objects.filter(user=citizen).exists()
