"""Each limit against abuse, where it bites: the services (so the API inherits them) and the
pages, which answer politely in Danish and keep what was typed."""

import datetime
import html

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from belong.core.limits import RateLimited
from belong.messaging.services import first_contact_scope, send_message, start_conversation
from belong.posts.search import SearchQuery, search_for_person, search_posts
from tests.accounts.test_signup import signup_data
from tests.factories import PASSWORD, UserFactory, make_post

DANISH_LIMIT = "Du har gjort det mange gange på kort tid"
DANISH_ACCOUNT_LIMIT = "Du har prøvet mange gange på kort tid"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def limit(settings):
    def set_rate(scope, rate):
        settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, scope: rate}

    return set_rate


@pytest.fixture
def old_hand(aalborg_postcode):
    """A citizen who joined a month ago."""
    return UserFactory(
        display_name="Bo",
        postcode=aalborg_postcode,
        date_joined=timezone.now() - datetime.timedelta(days=30),
    )


@pytest.fixture
def newcomer(aalborg_postcode):
    return UserFactory(display_name="Nina", postcode=aalborg_postcode, date_joined=timezone.now())


@pytest.fixture
def authors_posts(aalborg_postcode):
    return [make_post(UserFactory(postcode=aalborg_postcode)) for _ in range(3)]


# --- Search ---------------------------------------------------------------------------------


def test_searches_per_minute_are_limited_and_the_page_keeps_the_search(client, citizen, limit):
    limit("search", "2/m")
    client.force_login(citizen)
    url = reverse("search") + "?q=gåtur+ved+fjorden"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    text = page_text(response)
    assert DANISH_LIMIT in text
    assert 'value="gåtur ved fjorden"' in text  # the search box keeps the words


def test_a_limited_htmx_search_swaps_in_the_message(client, citizen, limit):
    limit("search", "1/m")
    client.force_login(citizen)
    client.get(reverse("search"), {"q": "kaffe"}, headers={"HX-Request": "true"})
    response = client.get(reverse("search"), {"q": "kaffe"}, headers={"HX-Request": "true"})
    # htmx only swaps successful answers, so the partial with the message comes as 200.
    assert response.status_code == 200
    assert DANISH_LIMIT in page_text(response)


def test_the_search_service_for_people_is_limited_but_the_core_search_is_not(citizen, limit):
    """The API calls search_for_person; benchmarks and digests call search_posts."""
    limit("search", "1/m")
    query = SearchQuery.from_params(QueryDict())
    search_for_person(viewer=citizen, query=query)
    with pytest.raises(RateLimited):
        search_for_person(viewer=citizen, query=query)
    for _ in range(3):
        search_posts(viewer=citizen, query=query)


# --- First contacts -------------------------------------------------------------------------


def test_first_contacts_per_day_are_limited_and_the_message_is_kept(
    client, old_hand, authors_posts, limit
):
    limit("first_contact", "1/d")
    client.force_login(old_hand)
    first = client.post(
        reverse("conversation_start", args=[authors_posts[0].pk]),
        {"body": "Hej! Jeg vil gerne gå med.", "client_token": "limit-first-1"},
    )
    assert first.status_code == 302
    typed = "Hej, jeg spiller også brætspil. Skal vi mødes?"
    response = client.post(
        reverse("conversation_start", args=[authors_posts[1].pk]),
        {"body": typed, "client_token": "limit-first-2"},
    )
    assert response.status_code == 429
    text = page_text(response)
    assert DANISH_LIMIT in text
    assert typed in text


def test_accounts_younger_than_a_week_have_the_stricter_first_contact_limit(
    newcomer, old_hand, authors_posts, limit
):
    limit("first_contact", "5/d")
    limit("first_contact_new_account", "1/d")
    assert first_contact_scope(newcomer) == "first_contact_new_account"
    assert first_contact_scope(old_hand) == "first_contact"
    start_conversation(
        sender=newcomer, post=authors_posts[0], body="Hej", client_token="newcomer-1"
    )
    with pytest.raises(RateLimited) as limited:
        start_conversation(
            sender=newcomer, post=authors_posts[1], body="Hej", client_token="newcomer-2"
        )
    assert limited.value.scope == "first_contact_new_account"
    # The older account may start more on the same day.
    for n, post in enumerate(authors_posts[:2]):
        start_conversation(sender=old_hand, post=post, body="Hej", client_token=f"old-hand-{n}")


def test_a_week_old_account_is_no_longer_new(newcomer):
    a_week_later = newcomer.date_joined + datetime.timedelta(days=7, minutes=1)
    assert first_contact_scope(newcomer, now=a_week_later) == "first_contact"


def test_writing_again_in_an_existing_conversation_is_no_first_contact(
    old_hand, authors_posts, limit
):
    limit("first_contact", "1/d")
    post = authors_posts[0]
    start_conversation(sender=old_hand, post=post, body="Hej", client_token="again-one")
    # Through the same post again: it lands in the same conversation, not a new contact.
    start_conversation(sender=old_hand, post=post, body="Hej igen", client_token="again-two")


# --- Messages -------------------------------------------------------------------------------


def test_messages_per_minute_are_limited_and_the_page_keeps_the_text(
    client, old_hand, authors_posts, limit
):
    post = authors_posts[0]
    conversation = start_conversation(
        sender=old_hand, post=post, body="Hej", client_token="msg-limit-0"
    ).conversation
    limit("message", "2/m")
    url = reverse("conversation_send", args=[conversation.pk])
    client.force_login(post.author)
    for n in (1, 2):
        response = client.post(url, {"body": f"Svar {n}", "client_token": f"msg-limit-{n}"})
        assert response.status_code == 302
    typed = "Det lyder dejligt, hvad med lørdag?"
    response = client.post(url, {"body": typed, "client_token": "msg-limit-3"})
    assert response.status_code == 429
    text = page_text(response)
    assert DANISH_LIMIT in text
    assert typed in text


def test_send_message_itself_is_limited_for_the_api(old_hand, authors_posts, limit):
    post = authors_posts[0]
    conversation = start_conversation(
        sender=old_hand, post=post, body="Hej", client_token="svc-limit-0"
    ).conversation
    limit("message", "1/m")
    send_message(sender=old_hand, conversation=conversation, body="1", client_token="service-1")
    # A retry of the same message (same client token) is no new message and is not counted.
    send_message(sender=old_hand, conversation=conversation, body="1", client_token="service-1")
    with pytest.raises(RateLimited) as limited:
        send_message(sender=old_hand, conversation=conversation, body="2", client_token="service-2")
    assert limited.value.retry_after <= 60


# --- Sign-up and login (allauth's limits) ---------------------------------------------------


@pytest.fixture
def account_limits(settings):
    def set_rate(action, rate):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}

    return set_rate


def test_allauth_limits_cover_signup_login_and_login_codes():
    limits = django_settings.ACCOUNT_RATE_LIMITS
    for action in ("signup", "login", "login_failed", "request_login_code", "reset_password"):
        assert limits.get(action), action


def test_signups_are_limited_and_the_form_keeps_what_was_typed(
    client, aalborg_postcode, account_limits
):
    account_limits("signup", "1/h/ip")
    client.post(reverse("account_signup"), signup_data(email="first@example.dk"))
    response = client.post(
        reverse("account_signup"), signup_data(email="karen@example.dk", display_name="Karen")
    )
    assert response.status_code == 429
    text = page_text(response)
    assert DANISH_ACCOUNT_LIMIT in text
    assert 'value="karen@example.dk"' in text
    assert 'value="Karen"' in text
    assert 'value="9000"' in text
    assert PASSWORD not in text  # passwords are never sent back


def test_logins_are_limited_and_the_form_keeps_the_email(client, citizen, account_limits):
    account_limits("login", "1/m/ip")
    client.post(reverse("account_login"), {"login": citizen.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": citizen.email, "password": "x"})
    assert response.status_code == 429
    text = page_text(response)
    assert DANISH_ACCOUNT_LIMIT in text
    assert f'value="{citizen.email}"' in text


def test_login_codes_are_limited_and_the_form_keeps_the_email(client, citizen, account_limits):
    account_limits("request_login_code", "1/m/ip")
    url = reverse("account_request_login_code")
    client.post(url, {"email": citizen.email})
    client.logout()
    response = client.post(url, {"email": citizen.email})
    # allauth's form counts the requests itself and answers with a form error.
    assert response.status_code == 200
    text = page_text(response)
    assert "Prøv igen senere" in text
    assert f'value="{citizen.email}"' in text


# --- Shared across app servers --------------------------------------------------------------


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="runs where REDIS_URL is set")
def test_limits_are_counted_in_redis_so_every_app_server_shares_them(citizen, limit):
    import redis

    limit("search", "1/m")
    from django.core.cache.backends.redis import RedisCache

    # Redis, with a database table to fall back on (belong/operations/cache.py).
    assert isinstance(caches["default"], RedisCache)
    search_for_person(viewer=citizen, query=SearchQuery.from_params(QueryDict()))
    # Another app server is another client of the same Redis: it sees the count.
    other_server = redis.Redis.from_url(django_settings.REDIS_URL)
    keys = other_server.keys(f"*limit:search:{citizen.pk}:*")
    assert keys, "the count is not in Redis"
    assert int(other_server.get(keys[0])) == 1
    with pytest.raises(RateLimited):
        search_for_person(viewer=citizen, query=SearchQuery.from_params(QueryDict()))


def test_a_limited_ready_reply_says_so_politely(client, old_hand, authors_posts, limit):
    post = authors_posts[0]
    conversation = start_conversation(
        sender=old_hand, post=post, body="Hej", client_token="ready-limit-0"
    ).conversation
    limit("message", "1/m")
    client.force_login(post.author)
    url = reverse("conversation_ready_reply", args=[conversation.pk])
    client.post(url, {"reply": "thanks", "client_token": "ready-limit-1"})
    response = client.post(url, {"reply": "thanks", "client_token": "ready-limit-2"}, follow=True)
    assert DANISH_LIMIT in page_text(response)
    assert conversation.messages.count() == 2
