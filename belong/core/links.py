"""Absolute links for e-mails: the address citizens reach Belong at."""

from __future__ import annotations

import os

from django.conf import settings

# Where `belong demo` serves when nothing else is said.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def configured_base_url() -> str:
    """BELONG_BASE_URL, or else in production (HTTPS) the first host name Belong answers to;
    empty when neither says where citizens reach Belong."""
    if settings.BELONG_BASE_URL:
        return settings.BELONG_BASE_URL.rstrip("/")
    if settings.SECURE_SSL_REDIRECT:
        for host in settings.ALLOWED_HOSTS:
            if host and host != "*" and not host.startswith(".") and host not in LOCAL_HOSTS:
                return f"https://{host}"
    return ""


def base_url() -> str:
    return configured_base_url() or DEFAULT_BASE_URL


def absolute_url(path: str) -> str:
    """`path` (from `reverse`) as a link that works from an e-mail."""
    return base_url() + path


def serving_base_url(*, host: str, port: int) -> str:
    """The address of a server listening on `host`:`port`, as a browser on this machine
    reaches it (a server listening on every address is reached on the loopback one)."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def follow_serving_address(*, host: str, port: int) -> str:
    """Unless BELONG_BASE_URL is set, e-mail links point at the address this command serves
    on: in this process and in the workers it starts (they inherit the environment)."""
    url = os.environ.get("BELONG_BASE_URL") or serving_base_url(host=host, port=port)
    os.environ["BELONG_BASE_URL"] = url
    settings.BELONG_BASE_URL = url
    return url
