"""In a real browser the service worker installs and keeps only the offline page and CSS."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_service_worker_installs_and_keeps_nothing_private(page, live_server):
    page.goto(live_server.url)
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == live_server.url + "/"
    kept = page.evaluate(
        """async () => {
            const names = await caches.keys();
            const urls = [];
            for (const name of names) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
            }
            return urls.sort();
        }"""
    )
    assert kept == ["/offline/", "/static/belong/belong.css"]
