"""Live delivery through the real ASGI application and consumer: in memory, through Redis
when REDIS_URL is set, and with Redis unreachable (the message is saved all the same)."""

import asyncio
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

from belong.asgi import application
from belong.messaging import services
from belong.messaging.models import Message

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("short_lived_connections"),
]


@pytest.fixture
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def redis_layer(settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [url], "prefix": f"test-{uuid.uuid4().hex[:8]}"},
        }
    }
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def unreachable_redis_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # Nothing listens on port 1.
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def run(coroutine):
    """Run a scenario on its own event loop, in its own thread: a browser test earlier in the
    session may have left an event loop running in this one."""

    def in_thread():
        try:
            return asyncio.run(coroutine)
        finally:
            # The consumers' database calls ran in asgiref's shared thread: close there too.
            asyncio.run(sync_to_async(connections.close_all)())
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(in_thread).result()


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def communicator(conversation, cookie):
    return WebsocketCommunicator(
        application,
        f"/ws/beskeder/{conversation.pk}/",
        headers=[(b"cookie", cookie.encode()), (b"origin", b"http://localhost")],
    )


async def receive_a_reply(conversation, watcher_cookie, sender):
    socket = communicator(conversation, watcher_cookie)
    connected, _code = await socket.connect()
    assert connected
    message = await sync_to_async(services.send_message)(
        sender=sender, conversation=conversation, body="Hej Bo!", client_token=uuid.uuid4().hex
    )
    event = await socket.receive_json_from(timeout=5)
    await socket.disconnect()
    return message, event


def test_a_reply_reaches_the_open_page_at_once(in_memory_layer, bo, citizen, conversation):
    message, event = run(receive_a_reply(conversation, session_cookie(bo), citizen))
    assert event["type"] == "message" and event["id"] == message.pk


def test_a_reply_reaches_the_open_page_through_redis(redis_layer, bo, citizen, conversation):
    message, event = run(receive_a_reply(conversation, session_cookie(bo), citizen))
    assert event["id"] == message.pk


async def refused(conversation, cookie):
    socket = communicator(conversation, cookie)
    connected, _code = await socket.connect()
    if connected:
        await socket.disconnect()
    return not connected


def test_outsiders_and_anonymous_visitors_cannot_listen(in_memory_layer, outsider, conversation):
    assert run(refused(conversation, session_cookie(outsider)))
    assert run(refused(conversation, "sessionid=nothing"))


def test_with_redis_down_the_message_is_saved_and_shown_by_polling(
    unreachable_redis_layer, bo, citizen, conversation, caplog
):
    started = time.monotonic()
    message = services.send_message(
        sender=citizen, conversation=conversation, body="Redis er nede", client_token="redis-down"
    )
    assert time.monotonic() - started < 5
    assert Message.objects.filter(pk=message.pk, body="Redis er nede").exists()
    assert "polling will show it" in caplog.text
    # The page's polling shows it.
    client = Client()
    client.force_login(bo)
    html = client.get(f"/beskeder/{conversation.pk}/nye/").content.decode()
    assert "Redis er nede" in html


def test_with_redis_down_the_socket_is_refused_and_the_page_polls(
    unreachable_redis_layer, bo, conversation
):
    assert run(refused(conversation, session_cookie(bo)))
