"""Every e-mail about an account is Belong's own plain text, in Danish and in English:
no "Hello from 127.0.0.1:8000!", no stock phrases, no "[site]" in the subject."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core import mail
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from tests.accounts.test_signup import signup_data

BELONG = Path(__file__).resolve().parents[2] / "belong"
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
PREFIXES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ("account/email", "mfa/email")
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if path.with_name(path.name.replace("_message", "_subject")).exists()
)
CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")
# allauth's own words, in English and in its Danish translation.
STOCK = [
    "Hello from",
    "Hej fra",
    "Thank you for using",
    "Tak fordi",
    "You are receiving this",
    "You're receiving this",
    "Du modtager",
    "Du har modtaget",
    "proper security precautions",
    # A greeting from the host ("Hej fra testserver!"); links to it are fine.
    "testserver!",
    "127.0.0.1:8000!",
]


def assert_belongs_own(message):
    text = f"{message.subject}\n{message.body}"
    found = [phrase for phrase in STOCK if phrase in text]
    assert not found, f"stock text {found} in: {text}"
    assert not message.subject.startswith("["), message.subject
    assert "Belong" in message.subject


@pytest.fixture
def request_context(rf):
    request = rf.get("/")
    with allauth_context.request_context(request):
        yield request


def render(prefix, citizen, request, language):
    context = {
        "request": request,
        "user": citizen,
        "email": citizen.email,
        "code": "ABCD-1234",
        "activate_url": "http://127.0.0.1:8000/accounts/confirm-email/key/",
        "password_reset_url": "http://127.0.0.1:8000/accounts/password/reset/key/1-x/",
        "signup_url": "http://127.0.0.1:8000/accounts/signup/",
        "from_email": "old@example.dk",
        "to_email": citizen.email,
        "deleted_email": "old@example.dk",
        "timestamp": timezone.now(),
        "ip": "127.0.0.1",
        "user_agent": "Firefox",
    }
    with translation.override(language):
        return get_adapter(request).render_mail(prefix, citizen.email, context)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_account_email_is_belongs_own_in_both_languages(prefix, citizen, request_context):
    for name in (f"{prefix}_subject.txt", f"{prefix}_message.txt"):
        origin = Path(get_template(name).origin.name)
        assert BELONG in origin.parents, f"{name} is allauth's own"
    danish = render(prefix, citizen, request_context, "da")
    english = render(prefix, citizen, request_context, "en")
    for message in (danish, english):
        assert_belongs_own(message)
    assert danish.body.startswith("Hej Anne") and english.body.startswith("Hello Anne,")
    assert danish.body.rstrip().endswith("Venlig hilsen Belong")
    assert danish.subject != english.subject


def test_signing_up_sends_a_welcome_with_the_code(client, aalborg_postcode):
    client.post(reverse("account_signup"), signup_data())
    (message,) = mail.outbox
    assert_belongs_own(message)
    assert message.subject == "Velkommen til Belong: bekræft din e-mailadresse"
    assert message.body.startswith("Hej Karen")
    assert CODE.search(message.body)


def test_signing_up_again_with_a_known_address_says_so_kindly(client, citizen, aalborg_postcode):
    client.post(reverse("account_signup"), signup_data(email=citizen.email))
    (message,) = mail.outbox
    assert_belongs_own(message)
    assert message.subject == "Du har allerede en konto på Belong"
    assert "/accounts/password/reset/" in message.body


def test_a_login_code_comes_in_belongs_words(client, citizen):
    client.post(reverse("account_request_login_code"), {"email": citizen.email})
    (message,) = mail.outbox
    assert_belongs_own(message)
    assert message.subject == "Din kode til at logge ind på Belong"
    assert CODE.search(message.body)


def test_a_login_code_for_an_unknown_address_offers_to_sign_up(client, db):
    client.post(reverse("account_request_login_code"), {"email": "nobody@example.dk"})
    (message,) = mail.outbox
    assert_belongs_own(message)
    assert "/accounts/signup/" in message.body


def test_a_password_reset_comes_in_english_for_an_english_page(client, citizen):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    (message,) = mail.outbox
    assert_belongs_own(message)
    assert message.subject == "Choose a new password for Belong"
    assert message.body.startswith("Hello Anne,")
    assert "/accounts/password/reset/key/" in message.body
