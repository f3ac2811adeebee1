{% autoescape off %}// Someluotsi service worker: the app opens offline with a page that says so.
// Only public files are stored (the offline page, the style sheet, icons); pages with messages
// or people are never cached, so nothing personal stays on the device.
"use strict";
const CACHE = {{ cache_version }};
const PRECACHE = {{ precache }};
const OFFLINE_URL = {{ offline_url }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { credentials: "omit" }))))
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
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate") {
    // Pages always come from the network; without one, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    return;
  }
  const url = new URL(request.url);
  if (url.origin === self.location.origin && PRECACHE.includes(url.pathname)) {
    // Stored files: the network first (fresh after a deploy), the stored copy offline.
    event.respondWith(fetch(request).catch(() => caches.match(request)));
  }
});
{% endautoescape %}
