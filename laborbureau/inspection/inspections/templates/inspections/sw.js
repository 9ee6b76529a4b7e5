// The field form's service worker (/staff/inspections/sw.js, scope /staff/inspections/).
// Network first; when the network fails, the copy of the field page the page stored in
// the cache "lb-field" answers, so a form in progress reopens offline. Drafts themselves
// live in localStorage and are synced by the page.
self.addEventListener("install", (event) => { self.skipWaiting(); });
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.mode !== "navigate" || !request.url.includes("/field/")) return;
  event.respondWith(fetch(request).catch(() =>
    caches.open("lb-field").then((cache) => cache.match(request, { ignoreSearch: true, ignoreVary: true }))
      .then((hit) => hit || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } }))));
});
