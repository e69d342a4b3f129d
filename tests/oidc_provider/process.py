"""Run the test provider as a real process on a free port, for as long as a block lasts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tests.local_server import serving

CLIENT_ID, CLIENT_SECRET = "belong-test", "belong-test-secret"  # noqa: S105
PASSWORD = "mitid-test"  # noqa: S105
CALLBACK = "/accounts/oidc/mitid/login/callback/"


@contextmanager
def running_provider(
    folder: Path, *, birthdates: dict[str, str], redirect_uris: list[str]
) -> Iterator[str]:
    """The provider's issuer URL; the people in `birthdates` log in with PASSWORD."""
    env = {
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_TEST_BIRTHDATES": json.dumps(birthdates),
        "OIDC_TEST_CLIENT": f"{CLIENT_ID}:{CLIENT_SECRET}",
        "OIDC_TEST_REDIRECT_URIS": "\n".join(redirect_uris),
    }
    with serving(
        "tests.oidc_provider.run",
        env=env,
        log_path=folder / "provider.log",
        ready_url=lambda port: f"http://127.0.0.1:{port}/openid/.well-known/openid-configuration",
        seconds=60,
    ) as port:
        yield f"http://127.0.0.1:{port}/openid"


def mitid_settings(settings, server_url: str) -> None:
    """Point Belong's MitID login at the provider, as the environment would."""
    settings.BELONG_MITID_SERVER_URL = server_url
    policy = settings.CONTENT_SECURITY_POLICY
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server_url))
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {
            **policy["DIRECTIVES"],
            "form-action": [*policy["DIRECTIVES"]["form-action"], origin],
        },
    }
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": "mitid",
                    "name": "MitID",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": server_url},
                }
            ],
        }
    }


def log_in_at_the_provider(client, who: str, *, process: str = "login") -> str:
    """Start at Belong (`process`: "login", or "connect" from the profile of a logged-in
    account), log in at the provider as a person would (its real login form), and return
    where the provider sends the browser back to."""
    from django.urls import reverse

    start = client.post(reverse("openid_connect_login", args=["mitid"]), {"process": process})
    assert start.status_code == 302, start.content[:500]
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    assert "Log ind med MitID" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    back = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": who,
            "password": PASSWORD,
            "next": next_url,
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert back.status_code == 302, back.text[:500]
    authorize = browser.get(
        urlsplit(page.url)._replace(path="", query="").geturl() + back.headers["Location"]
        if back.headers["Location"].startswith("/")
        else back.headers["Location"],
        allow_redirects=False,
        timeout=10,
    )
    assert authorize.status_code == 302, authorize.text[:500]
    callback = urlsplit(authorize.headers["Location"])
    assert callback.path == CALLBACK
    return f"{callback.path}?{callback.query}"
