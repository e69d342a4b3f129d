"""Personal API keys: made and revoked on the profile page, stored hashed, shown once."""

import hashlib

from django.urls import reverse

from belong.accounts.models import ApiToken
from belong.accounts.services import create_api_token
from tests.api.conftest import ApiClient
from tests.html import validate_html


def test_a_citizen_makes_a_key_sees_it_once_and_uses_it(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("api_token_create"), {"name": "Min telefon"}, follow=True)
    html = response.content.decode()
    validate_html(html)
    token = ApiToken.objects.get(user=citizen)
    raw = response.context["new_token"]
    assert raw.startswith("bl_") and raw.startswith(token.prefix)
    assert f'value="{raw}"' in html
    assert "Kopiér den nu" in html or "vises kun denne ene gang" in html
    # Only a digest is kept.
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    # Shown once: the next visit lists the key by name and prefix only.
    html = client.get(reverse("profile")).content.decode()
    assert raw not in html
    assert "Min telefon" in html and token.prefix in html

    api = ApiClient(raw)
    assert api.get("/me").json()["display_name"] == "Anne"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_key_stops_working(client, citizen):
    token, raw = create_api_token(user=citizen, name="Gammel")
    client.force_login(citizen)
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    response = ApiClient(raw).get("/me")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_someone_elses_key_cannot_be_revoked(client, citizen, outsider):
    token, raw = create_api_token(user=citizen, name="Min")
    client.force_login(outsider)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert ApiClient(raw).get("/me").status_code == 200


def test_a_key_needs_a_name_and_keeps_what_was_typed(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("api_token_create"), {"name": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    validate_html(html)
    assert "Giv nøglen et navn" in html
    assert not ApiToken.objects.exists()


def test_making_keys_is_rate_limited(client, citizen, settings):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "api_token": "2/h"}
    client.force_login(citizen)
    for name in ("En", "To"):
        client.post(reverse("api_token_create"), {"name": name})
    response = client.post(reverse("api_token_create"), {"name": "Tre"})
    assert response.status_code == 400
    assert "mange gange" in response.content.decode()
    assert ApiToken.objects.filter(user=citizen).count() == 2


def test_a_wrong_or_missing_key_is_401(db):
    assert ApiClient("bl_not-a-real-key").get("/me").status_code == 401
    assert ApiClient(None).get("/me").status_code == 401
    assert ApiClient(None).post("/posts", {}).status_code == 401


def test_a_wrong_key_is_refused_even_beside_a_signed_in_session(client, citizen):
    client.force_login(citizen)
    assert client.get("/api/v1/me").status_code == 200
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer bl_revoked"})
    assert response.status_code == 401
