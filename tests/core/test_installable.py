"""Belong installs as a web app: a manifest, a small service worker, a kind offline page."""

import json

from django.urls import reverse

from tests.html import validate_html


def test_the_manifest_names_belong_and_starts_at_the_front_page(client, db):
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Belong" and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone" and manifest["icons"]
    assert 'rel="manifest"' in client.get(reverse("home")).content.decode()


def test_the_worker_keeps_only_the_offline_page_and_the_stylesheet(client, db):
    response = client.get(reverse("service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    keep = script.split("const KEEP = [", 1)[1].split("];", 1)[0]
    assert [url.strip().strip('"') for url in keep.split(",")] == [
        "/offline/",
        "/static/belong/belong.css",
    ]
    # Only page loads that fail fall back to the kept page; nothing else is cached.
    assert script.count("cache.put") == 0 and 'mode !== "navigate"' in script


def test_the_offline_page_is_kind_and_the_same_for_everyone(client, citizen):
    anonymous = client.get(reverse("offline")).content.decode()
    validate_html(anonymous)
    assert "Ingen forbindelse lige nu" in anonymous
    client.force_login(citizen)
    signed_in = client.get(reverse("offline")).content.decode()
    assert "Anne" not in signed_in and "csrf" not in signed_in.lower()
