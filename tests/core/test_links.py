"""Links in e-mails follow the address Belong serves on, or BELONG_BASE_URL when it is set."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from belong.core.links import base_url, follow_serving_address, serving_base_url
from belong.messaging import services
from belong.messaging.models import Outbox
from belong.messaging.tasks import render_email
from tests.core.test_settings import check_deploy
from tests.factories import UserFactory, make_post


@pytest.fixture
def no_base_url(settings, monkeypatch):
    # Recorded first, so the command's own setting of the variable is undone afterwards.
    monkeypatch.setenv("BELONG_BASE_URL", "")
    monkeypatch.delenv("BELONG_BASE_URL")
    settings.BELONG_BASE_URL = ""


def first_message_email(citizen, aalborg_postcode) -> str:
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    services.start_conversation(sender=bo, post=post, body="Hej Anne!", client_token="tok-link")
    _subject, body = render_email(Outbox.objects.get(kind="first_message"))
    return body


def worker_base_url() -> str:
    """BELONG_BASE_URL as a worker started from this process sees it."""
    code = "import django; django.setup(); from belong.core import links; print(links.base_url())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "belong.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_demo_on_another_port_links_to_that_port(
    no_base_url, citizen, aalborg_postcode, capsys
):
    call_command("demo", no_serve=True, port=8801, citizens=10)
    assert "Belong: http://127.0.0.1:8801/" in capsys.readouterr().out
    assert settings.BELONG_BASE_URL == "http://127.0.0.1:8801"
    # The background worker the demo starts sends the e-mails: it sees the same address.
    assert worker_base_url() == "http://127.0.0.1:8801"
    body = first_message_email(citizen, aalborg_postcode)
    assert "http://127.0.0.1:8801/beskeder/" in body
    assert ":8000" not in body


def test_belong_base_url_wins_over_the_serving_port(
    no_base_url, monkeypatch, citizen, aalborg_postcode
):
    monkeypatch.setenv("BELONG_BASE_URL", "https://belong.aalborg.dk")
    assert follow_serving_address(host="0.0.0.0", port=8801) == "https://belong.aalborg.dk"  # noqa: S104
    assert worker_base_url() == "https://belong.aalborg.dk"
    body = first_message_email(citizen, aalborg_postcode)
    assert "https://belong.aalborg.dk/beskeder/" in body
    assert "127.0.0.1" not in body


def test_a_server_on_every_address_is_linked_on_the_loopback_one():
    assert serving_base_url(host="0.0.0.0", port=8080) == "http://127.0.0.1:8080"  # noqa: S104
    assert serving_base_url(host="::1", port=8080) == "http://[::1]:8080"
    assert serving_base_url(host="belong.local", port=80) == "http://belong.local:80"


def test_production_links_to_its_host_name_when_belong_base_url_is_unset(settings):
    settings.BELONG_BASE_URL = ""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["localhost", "belong.aalborg.dk"]
    assert base_url() == "https://belong.aalborg.dk"


def test_production_is_warned_when_nothing_says_where_belong_is(tmp_path):
    result = check_deploy(tmp_path, BELONG_BASE_URL="", ALLOWED_HOSTS="localhost")
    assert result.returncode != 0
    assert "belong.W001" in result.stdout + result.stderr
