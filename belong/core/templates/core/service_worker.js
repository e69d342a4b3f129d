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
{% endautoescape %}
