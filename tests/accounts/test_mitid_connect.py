"""Connecting MitID to an account made with a password (the profile's "Bekræft min alder med
MitID", allauth's connect), against a real provider in a process of its own
(tests/oidc_provider/): the verified birth date becomes the account's, locked, and the
profile says "alder bekræftet"; a MitID already linked to another account is refused kindly.
A verified birth date on the other side of 18 moves the citizen between the youth space and
the adult space by the 18th birthday's own path."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.urls import reverse

from belong.accounts.models import User
from belong.accounts.services import correct_birth_date
from belong.messaging.models import Conversation, Message, MessageKind
from belong.messaging.services import start_conversation
from belong.posts.models import Post, Status
from belong.posts.services import resume_post
from belong.posts.visibility import visible_posts
from belong.safety.contact import contact_refusal
from belong.safety.models import Notice, YouthTransition
from tests.factories import PASSWORD, UserFactory, make_post, years_ago
from tests.html import validate_html
from tests.oidc_provider.process import (
    CALLBACK,
    log_in_at_the_provider,
    mitid_settings,
    running_provider,
)

ADULT_BIRTHDATE = "1990-05-17"
YOUTH_BIRTHDATE = years_ago(15).isoformat()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The provider, with a grown-up (`voksen`) and a girl of 15 (`ung`)."""
    with running_provider(
        tmp_path_factory.mktemp("oidc"),
        birthdates={"voksen": ADULT_BIRTHDATE, "ung": YOUTH_BIRTHDATE},
        redirect_uris=[f"http://testserver{CALLBACK}"],
    ) as url:
        yield url


@pytest.fixture
def mitid(settings, provider):
    mitid_settings(settings, provider)
    return provider


def log_in_with_password(client, user) -> None:
    # A real login: connecting asks for one within the last few minutes.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


def connect_mitid(client, who: str):
    """From the profile's button to the provider and back; the page Belong ends on."""
    back = log_in_at_the_provider(client, who, process="connect")
    return client.get(back, follow=True)


@pytest.mark.django_db
def test_connecting_mitid_verifies_and_locks_the_birth_date(client, mitid, citizen, aalborg):
    from tests.staff import make_staff

    log_in_with_password(client, citizen)
    before = client.get(reverse("profile"))
    validate_html(before.content)
    assert "Bekræft min alder med MitID" in before.content.decode()
    assert "· alder bekræftet" not in before.content.decode()

    page = connect_mitid(client, "voksen")
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == reverse("profile")
    html = page.content.decode()
    validate_html(page.content)
    assert "Din alder er nu bekræftet med MitID." in html
    assert "· alder bekræftet" in html
    assert "Bekræft min alder med MitID" not in html

    citizen.refresh_from_db()
    assert citizen.birth_date.isoformat() == ADULT_BIRTHDATE
    assert citizen.age_verified and citizen.age_verified_by == "mitid"
    assert SocialAccount.objects.get(provider="mitid").user == citizen
    # Locked: neither the citizen nor staff can change it now.
    administrator = make_staff(aalborg, "administrator", display_name="Alma")
    with pytest.raises(ValidationError):
        correct_birth_date(
            staff=administrator, user=citizen, birth_date=years_ago(40), reason="typed wrong"
        )
    citizen.refresh_from_db()
    assert citizen.birth_date.isoformat() == ADULT_BIRTHDATE


@pytest.mark.django_db
def test_a_mitid_linked_to_another_account_is_refused_kindly(client, mitid, citizen, outsider):
    log_in_with_password(client, citizen)
    connect_mitid(client, "voksen")
    client.logout()

    born = outsider.birth_date
    log_in_with_password(client, outsider)
    page = connect_mitid(client, "voksen")
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == reverse("profile")
    validate_html(page.content)
    html = page.content.decode()
    assert "Denne MitID bruges allerede til en anden konto på Belong" in html
    assert page.wsgi_request.user == outsider  # still logged in as themself

    outsider.refresh_from_db()
    assert outsider.birth_date == born and not outsider.age_verified
    assert SocialAccount.objects.get(provider="mitid").user == citizen


@pytest.mark.django_db
def test_an_adult_who_said_15_leaves_the_youth_space_when_mitid_shows_their_age(
    client, mitid, minor, aalborg_postcode
):
    mads = UserFactory(
        email="mads@example.dk",
        display_name="Mads",
        birth_date=years_ago(15),
        postcode=aalborg_postcode,
    )
    his_post = make_post(mads, title="Skater søger skatere")
    her_post = make_post(minor, title="Tegning")
    assert his_post.is_youth and her_post.is_youth
    start_conversation(sender=mads, post=her_post, body="Hej Sofie!", client_token="tok-mads")

    log_in_with_password(client, mads)
    page = connect_mitid(client, "voksen")
    assert page.status_code == 200

    mads.refresh_from_db()
    assert mads.birth_date.isoformat() == ADULT_BIRTHDATE and not mads.is_youth
    # At once: the youth post is paused, the conversation with Sofie closed with a kind note.
    assert Post.objects.get(pk=his_post.pk).status == Status.PAUSED
    assert not visible_posts(minor).filter(author=mads).exists()
    conversation = Conversation.objects.get()
    assert conversation.status == "closed"
    note = Message.objects.get(kind=MessageKind.ADULT)
    assert (note.sender, note.recipient) == (None, minor)
    assert "Mads er over 18" in note.body and "en voksen, du stoler på" in note.body
    assert "fyldt 18" not in note.body
    assert YouthTransition.objects.filter(user=mads).exists()
    notice = Notice.objects.get(user=mads)
    assert notice.kind == "adult_by_age"
    notice_page = client.get(reverse("notice_detail", args=[notice.pk]))
    validate_html(notice_page.content)
    assert "din bekræftede fødselsdato" in notice_page.content.decode()
    # And he can no longer write to her.
    assert contact_refusal(mads, minor) == "Voksne kan ikke skrive til unge på Belong."

    # Sofie reads the note in her conversation.
    client.force_login(minor)
    thread = client.get(reverse("conversation", args=[conversation.pk]))
    assert "Mads er over 18" in thread.content.decode()


@pytest.mark.django_db
def test_a_minor_who_said_20_moves_into_the_youth_space_when_mitid_shows_15(
    client, mitid, citizen, aalborg_postcode
):
    lea = UserFactory(
        email="lea@example.dk",
        display_name="Lea",
        birth_date=years_ago(20),
        postcode=aalborg_postcode,
    )
    YouthTransition.objects.create(user=lea)  # her "18th birthday" moved her once already
    her_post = make_post(lea, title="Brætspil")
    assert not her_post.is_youth
    adults_post = make_post(citizen, title="Gåture ved fjorden")
    start_conversation(sender=citizen, post=her_post, body="Hej Lea!", client_token="tok-anne")

    log_in_with_password(client, lea)
    connect_mitid(client, "ung")

    lea = User.objects.get(pk=lea.pk)
    assert lea.birth_date.isoformat() == YOUTH_BIRTHDATE and lea.is_youth
    # The youth space's protections hold at once: no adult can write to her, nor she to them.
    assert contact_refusal(citizen, lea) == "Voksne kan ikke skrive til unge på Belong."
    assert contact_refusal(lea, citizen) is not None
    assert not visible_posts(lea).filter(pk=adults_post.pk).exists()
    # Her adult post is paused (adults no longer find it); the conversation closed kindly.
    assert Post.objects.get(pk=her_post.pk).status == Status.PAUSED
    assert not visible_posts(citizen).filter(author=lea).exists()
    assert Conversation.objects.get().status == "closed"
    note = Message.objects.get(kind=MessageKind.ADULT)
    assert (note.sender, note.recipient) == (None, citizen)
    assert "Lea er under 18" in note.body
    assert Notice.objects.get(user=lea).kind == "youth_by_age"
    # Her real 18th birthday will move her again.
    assert not YouthTransition.objects.filter(user=lea).exists()

    # Shown again, her post is in the youth space.
    resume_post(author=lea, post=Post.objects.get(pk=her_post.pk))
    post = Post.objects.get(pk=her_post.pk)
    assert (post.status, post.is_youth) == (Status.PUBLISHED, True)
    assert not visible_posts(citizen).filter(pk=post.pk).exists()
