{% autoescape off %}// Belong's service worker: shows a kind page when there is no connection. It keeps only
// that page and the stylesheet; every other request goes to the network as usual.
const CACHE = "{{ cache_name|escapejs }}";
const OFFLINE = "{{ offline_url|escapejs }}";
const KEEP = [{% for url in keep %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(KEEP.map((url) => new Request(url, { credentials: "omit" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.mode !== "navigate") {
    return;
  }
  event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE)));
});

// Web Push: a lock screen shows one sentence and nothing about anyone.
self.addEventListener("push", (event) => {
  let body = "Du har en ny besked på Belong";
  try {
    body = event.data ? event.data.json().body || body : body;
  } catch (error) {}
  event.waitUntil(self.registration.showNotification("Belong", { body: body, tag: "belong-message" }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/beskeder/"));
});
{% endautoescape %}
