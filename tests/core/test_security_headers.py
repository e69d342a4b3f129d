"""Every page carries the security headers; the CSP nonce is the one on the page's scripts."""

import json
import os
import re
import subprocess
import sys

import html5lib
import pytest
from django.urls import reverse

from tests.core.test_settings import PRODUCTION
from tests.factories import make_post

NS = "{http://www.w3.org/1999/xhtml}"


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_secure_page(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["style-src"] == ["'self'"]
    nonces = [value for value in csp["script-src"] if value.startswith("'nonce-")]
    assert csp["script-src"][0] == "'self'" and len(nonces) == 1, csp["script-src"]
    nonce = nonces[0][len("'nonce-") : -1]

    document = html5lib.parse(response.content, namespaceHTMLElements=True)
    scripts = document.iter(f"{NS}script")
    for script in scripts:
        kind = script.get("type", "")
        if kind == "application/json":  # data, never run
            continue
        assert script.get("nonce") == nonce, f"a script without the page's nonce: {script.attrib}"
    # Inline styles and inline event handlers would need 'unsafe-inline'.
    assert not list(document.iter(f"{NS}style")), "an inline <style> element"
    for element in document.iter():
        for attribute in element.attrib:
            assert attribute != "style", f"a style attribute on <{element.tag}>"
            assert not attribute.startswith("on"), f"an inline handler {attribute}"
    # htmx is told not to inject its own styles nor to evaluate code.
    metas = [m for m in document.iter(f"{NS}meta") if m.get("name") == "htmx-config"]
    if any(script.get("src", "").find("htmx") >= 0 for script in document.iter(f"{NS}script")):
        assert metas, "htmx without its CSP-friendly configuration"
        config = json.loads(metas[0].get("content"))
        assert config == {"includeIndicatorStyles": False, "allowEval": False}
    return nonce


@pytest.mark.parametrize("name", ["home", "about", "account_login", "account_signup"])
def test_public_pages_carry_the_security_headers(client, aalborg, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_secure_page(response)


def test_signed_in_pages_carry_the_security_headers_and_nonced_scripts(client, citizen, outsider):
    from belong.messaging.services import start_conversation

    post = make_post(citizen)
    conversation = start_conversation(
        sender=outsider, post=post, body="Hej", client_token="tok-headers-1"
    ).conversation
    client.force_login(citizen)
    pages = [
        reverse("search"),
        reverse("post_new"),
        reverse("post_edit", args=[post.pk]),
        reverse("conversation", args=[conversation.pk]),
        reverse("inbox"),
        reverse("profile_edit"),
    ]
    nonces = set()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = assert_secure_page(response)
        assert f'nonce="{nonce}"' in response.content.decode(), url
        nonces.add(nonce)
    assert len(nonces) == len(pages), "the nonce must be new on every response"


def test_the_conversation_page_may_open_its_websocket(client, citizen, outsider, settings):
    from belong.messaging.services import start_conversation

    post = make_post(citizen)
    conversation = start_conversation(
        sender=outsider, post=post, body="Hej", client_token="tok-headers-2"
    ).conversation
    client.force_login(citizen)
    response = client.get(reverse("conversation", args=[conversation.pk]))
    connect = csp_directives(response)["connect-src"]
    assert connect[0] == "'self'"
    assert "ws://localhost" in connect or "wss://localhost" in connect


def test_htmx_polling_has_no_evaluated_filter(client, citizen, outsider):
    """An hx-trigger filter ("[...]") is evaluated code, which the CSP blocks."""
    from belong.messaging.services import start_conversation

    post = make_post(citizen)
    conversation = start_conversation(
        sender=outsider, post=post, body="Hej", client_token="tok-headers-3"
    ).conversation
    client.force_login(citizen)
    html = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    triggers = re.findall(r'hx-trigger="([^"]*)"', html)
    assert triggers
    assert not any("[" in trigger for trigger in triggers), triggers


def test_https_responses_carry_hsts_and_secure_cookies(client, aalborg, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_SECURE = True
    response = client.get(reverse("account_login"), secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.cookies["csrftoken"]["secure"] is True


def test_production_settings_turn_on_every_protection(tmp_path):
    """The production environment (as in README) yields HSTS, secure cookies, SSL redirect
    and a CSP whose WebSocket source is the site's own host over wss only."""
    skip = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(PRODUCTION, BELONG_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="belong.settings")
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(default=str, obj={k: getattr(s, k) for k in ['SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'X_FRAME_OPTIONS', "
        "'CONTENT_SECURITY_POLICY', 'MIDDLEWARE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert "csp.middleware.CSPMiddleware" in values["MIDDLEWARE"]
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["connect-src"] == ["'self'", "wss://belong.example.dk"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/v1/places/municipalities", "/nowhere/"])
def test_every_response_refuses_camera_microphone_and_location(client, aalborg, path):
    policy = client.get(path).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
