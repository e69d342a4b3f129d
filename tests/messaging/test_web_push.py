"""Web Push against a real push endpoint: a local HTTP server receives the encrypted push,
checks its VAPID signature and decrypts it with the device's keys. The lock screen only ever
reads "Du har en ny besked på Belong"; off in one tap; e-mail stays the fallback."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.exceptions import ValidationError
from django.urls import reverse
from py_vapid import Vapid02, b64urlencode

from belong.messaging import push
from belong.messaging.models import Outbox, PushSubscription
from belong.messaging.services import send_message, start_conversation
from tests.factories import UserFactory, make_post
from tests.html import validate_html


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class Device:
    """A browser's push keys: what it hands the server when it subscribes."""

    def __init__(self):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.public = self.private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.auth = b"0123456789abcdef"

    def decrypt(self, body: bytes) -> str:
        return http_ece.decrypt(
            body, private_key=self.private, auth_secret=self.auth, version="aes128gcm"
        ).decode()


def assert_signed_by(vapid, authorization: str, *, audience: str) -> None:
    """The push service's own check: a JWT for its origin, signed with the VAPID key."""
    scheme, _space, params = authorization.partition(" ")
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert scheme == "vapid" and fields["k"] == b64(
        vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    head, claims, signature = fields["t"].split(".")
    raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    vapid.public_key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    assert decoded["aud"] == audience


@pytest.fixture
def push_service():
    """A real HTTP server standing in for the browser vendor's push service."""
    received: list[tuple[dict, bytes]] = []
    status = {"code": 201}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(status["code"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received, status
    server.shutdown()


@pytest.fixture
def vapid(settings):
    key = Vapid02()
    key.generate_keys()
    public = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    settings.BELONG_VAPID_PUBLIC_KEY = b64urlencode(public)
    # The private key as the settings take it: base64url DER, one line for the environment.
    settings.BELONG_VAPID_PRIVATE_KEY = b64urlencode(
        key.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return key


def test_a_new_message_reaches_the_device_and_says_only_one_sentence(
    client, citizen, aalborg_postcode, push_service, vapid, django_capture_on_commit_callbacks
):
    url, received, _status = push_service
    device = Device()
    client.force_login(citizen)
    page = client.get(reverse("notification_settings")).content.decode()
    validate_html(page)
    assert "Notitser på denne enhed" in page
    response = client.post(
        reverse("push_on"),
        json.dumps(
            {
                "endpoint": f"{url}/push/abc",
                "keys": {"p256dh": b64(device.public), "auth": b64(device.auth)},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200 and PushSubscription.objects.filter(user=citizen).exists()

    bo = UserFactory(display_name="Bo Hemmelig", postcode=aalborg_postcode)
    with django_capture_on_commit_callbacks(execute=True):
        start_conversation(
            sender=bo, post=make_post(citizen), body="Mit hemmelige navn", client_token=None
        )
    assert len(received) == 1
    headers, body = received[0]
    headers = {k.lower(): v for k, v in headers.items()}
    assert headers["content-encoding"] == "aes128gcm"
    assert_signed_by(vapid, headers["authorization"], audience=url)
    text = device.decrypt(body)
    assert json.loads(text) == {"body": "Du har en ny besked på Belong"}
    assert "Bo" not in text and "hemmelige" not in text
    # E-mail stays the fallback.
    assert Outbox.objects.filter(recipient=citizen, kind="first_message").exists()

    # Off in one tap: nothing more is pushed.
    response = client.post(
        reverse("push_off"),
        json.dumps({"endpoint": f"{url}/push/abc"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and not PushSubscription.objects.exists()
    conversation = bo.conversations_started.get()
    with django_capture_on_commit_callbacks(execute=True):
        send_message(sender=bo, conversation=conversation, body="Hej igen", client_token=None)
    assert len(received) == 1


def test_a_device_the_push_service_forgot_is_forgotten_and_a_failure_breaks_nothing(
    citizen, push_service, vapid
):
    url, received, status = push_service
    device = Device()
    push.subscribe(
        user=citizen, endpoint=f"{url}/push/x", p256dh=b64(device.public), auth=b64(device.auth)
    )
    status["code"] = 500
    assert push.push_to(citizen.pk) == 0
    assert PushSubscription.objects.exists()
    status["code"] = 410
    assert push.push_to(citizen.pk) == 0
    assert not PushSubscription.objects.exists()


def test_bad_subscriptions_are_refused_politely(client, citizen):
    for endpoint, p256dh, auth in [
        ("http://push.example.com/x", b64(Device().public), b64(b"0123456789abcdef")),
        ("https://push.example.com/x", "not-a-key", b64(b"0123456789abcdef")),
        ("https://push.example.com/x", b64(Device().public), "short"),
        ("", "", ""),
    ]:
        with pytest.raises(ValidationError):
            push.subscribe(user=citizen, endpoint=endpoint, p256dh=p256dh, auth=auth)
    client.force_login(citizen)
    response = client.post(reverse("push_on"), "not json", content_type="application/json")
    assert response.status_code == 400
    assert "Prøv igen" in response.json()["message"]
    assert not PushSubscription.objects.exists()
