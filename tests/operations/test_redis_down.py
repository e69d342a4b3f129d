"""Degraded, not down: with the test's own Redis killed, limits still count (in the
database), search lets people through, pages and sending keep working, and the cache goes
back to Redis when it answers again."""

import json
import logging

import pytest
from django.urls import reverse

from belong.core import limits
from belong.messaging.models import Message
from belong.operations.models import CacheFallbackEntry
from tests.factories import PASSWORD, UserFactory, make_post


@pytest.fixture
def bo(aalborg_postcode):
    return UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)


@pytest.fixture
def conversation(bo, citizen):
    from belong.messaging.services import start_conversation

    post = make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")
    return start_conversation(
        sender=bo, post=post, body="Hej Anne!", client_token="tok-redis-1"
    ).conversation


def test_the_cache_uses_redis_while_it_answers(db, redis_cache):
    redis_cache.set("greeting", "hej", 60)
    assert redis_cache.get("greeting") == "hej"
    assert not CacheFallbackEntry.objects.exists()


def test_limits_keep_counting_in_the_database_while_redis_is_gone(db, redis_server, redis_cache):
    redis_server.kill()
    limits.hit("message", 7, "2/m")
    limits.hit("message", 7, "2/m")
    with pytest.raises(limits.RateLimited):
        limits.hit("message", 7, "2/m")
    assert CacheFallbackEntry.objects.exists()


def test_the_search_limit_fails_open_with_a_warning(db, redis_server, redis_cache, caplog):
    redis_server.kill()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            limits.hit("search", 7, "1/m")
    assert "search limit is not counted" in caplog.text
    assert "falls back to the database" in caplog.text


def test_pages_sending_search_and_login_work_while_redis_is_gone(
    client, db, settings, redis_server, redis_cache, citizen, conversation
):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_server.url]},
        }
    }
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "search": "30/m"}
    redis_server.kill()

    login = client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    assert login.status_code == 302, login.content.decode()[:500]

    page = client.get(reverse("conversation", args=[conversation.pk]))
    assert page.status_code == 200
    # The page polls for new messages, so it keeps working without the WebSocket.
    assert "every 5s" in page.content.decode()

    sent = client.post(
        reverse("conversation_send", args=[conversation.pk]),
        {"body": "Hej Bo, gerne!", "client_token": "redis-down-1"},
    )
    assert sent.status_code in (200, 302)
    assert Message.objects.filter(conversation=conversation, body="Hej Bo, gerne!").count() == 1
    polled = client.get(
        reverse("conversation_messages", args=[conversation.pk]), HTTP_HX_REQUEST="true"
    )
    assert polled.status_code == 200 and "Hej Bo, gerne!" in polled.content.decode()

    assert client.get(reverse("search"), {"q": "fjorden"}).status_code == 200
    assert client.get(reverse("inbox")).status_code == 200
    assert client.get(reverse("home")).status_code == 200


def test_the_api_sends_while_redis_is_gone(
    client, db, redis_server, redis_cache, citizen, conversation
):
    client.force_login(citizen)
    redis_server.kill()
    # The test client skips CSRF checks, as an app with an API key does not need them.
    response = client.post(
        f"/api/v1/conversations/{conversation.pk}/messages",
        json.dumps({"body": "Fra appen", "client_token": "redis-down-api-1"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Message.objects.filter(body="Fra appen").count() == 1


def test_the_cache_returns_to_redis_and_forgets_what_went_stale(db, redis_server, redis_cache):
    redis_cache.set("unread:1", 4, 600)
    redis_server.kill()
    redis_cache.delete("unread:1")  # a message was read meanwhile
    assert redis_cache.get("unread:1") is None
    redis_cache.set("unread:1", 0, 600)
    assert CacheFallbackEntry.objects.exists()

    redis_server.start()
    assert redis_cache.get("anything") is None  # Redis answers: this process tidies up
    assert redis_cache.get("unread:1") is None  # the 4 from before the outage is gone
    assert not CacheFallbackEntry.objects.exists()
    redis_cache.set("unread:1", 2, 600)
    assert redis_cache.get("unread:1") == 2
    assert not CacheFallbackEntry.objects.exists()


def test_a_hung_redis_is_given_up_and_left_alone_for_a_while(db, settings, redis_server):
    import signal

    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "belong.operations.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "belong-test-hung",
            "OPTIONS": {"RETRY_AFTER": 60, "socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
    cache.set("warm", 1)  # a connection to Redis is open, as on a busy server
    redis_server.process.send_signal(signal.SIGSTOP)  # it neither answers nor refuses
    try:
        limits.hit("message", 8, "2/m")  # given up after the timeout: counted in the database
        assert cache.redis_is_down
        limits.hit("message", 8, "2/m")  # straight to the database, Redis is left alone
        with pytest.raises(limits.RateLimited):
            limits.hit("message", 8, "2/m")
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
        from belong.operations import cache as module

        module._health.clear()
