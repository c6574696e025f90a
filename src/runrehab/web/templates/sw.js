// runrehab's service worker, served at /sw.js (web/pages/offline.py fills in VERSION, the
// fingerprint of the files below, and PRECACHE). What it keeps on the phone, and why:
//   static  the app's CSS, scripts and icons: stored at install and answered from the phone
//           (a release that changes any of them changes VERSION, and they are all replaced)
//   pages   the last Today and Log pages seen online: answered by the network, and by the phone
//           when the network fails, so Today's session shows in a basement gym
// Never kept: anything under /api/, any other page, htmx fragments, a page whose answer was a
// redirect (the session ended: the kept pages are dropped too), and nothing after logging out
// (the logout answer's Clear-Site-Data and offline.js empty every cache).
const VERSION = {{ version | tojson }};
const PRECACHE = {{ precache | tojson }};
const STATIC = `runrehab-static-${VERSION}`;
const PAGES = "runrehab-pages";
const KEPT_PAGES = ["/today", "/log"];
const PATIENCE_MS = 4000; // on a network that hangs, the kept page after this long

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const old = (name) => name.startsWith("runrehab-static-") && name !== STATIC;
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter(old).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (PRECACHE.includes(url.pathname) || ownStatic(url.pathname)) {
    event.respondWith(asset(request));
  }
});

// A page that was not controlled when it loaded (the first visit) asks for itself to be kept.
self.addEventListener("message", (event) => {
  const path = event.data && event.data.keep;
  if (KEPT_PAGES.includes(path)) {
    event.waitUntil(fetch(path, { redirect: "manual" }).then((response) => remember(path, response)));
  }
});

function ownStatic(path) {
  return path.startsWith("/static/") && !path.startsWith("/static/vendor/");
}

async function asset(request) {
  const stored = await caches.match(request, { cacheName: STATIC });
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC);
    await cache.put(request, response.clone());
  }
  return response;
}

// The network first; the kept copy when the network fails, or hangs while a copy is kept.
async function page(event, url) {
  const keepable = KEPT_PAGES.includes(url.pathname) && url.search === "";
  const network = fetch(event.request);
  if (keepable) event.waitUntil(network.then((r) => remember(url.pathname, r.clone()), () => null));
  try {
    return await (keepable ? withPatience(network, url.pathname) : network);
  } catch {
    return (keepable && (await kept(url.pathname))) || offlinePage();
  }
}

async function withPatience(network, path) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, PATIENCE_MS); })
    .then(() => kept(path))
    .then((copy) => copy || network);
  try {
    return await Promise.race([network, late]);
  } finally {
    clearTimeout(timer);
  }
}

// The kept copy says when it was kept (offline.js shows it: the runner knows it may be stale).
async function kept(path) {
  const copy = await caches.open(PAGES).then((cache) => cache.match(path));
  if (!copy) return undefined;
  const at = `<meta name="runrehab-kept-at" content="${copy.headers.get("X-Kept-At")}">`;
  return new Response((await copy.text()).replace("<head>", `<head>${at}`), { headers: copy.headers });
}

// Only the signed-in runner's own page is kept; a redirect (to log in, or to the assessment)
// means there is none, and what was kept goes too.
async function remember(path, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    const headers = new Headers(response.headers);
    headers.set("X-Kept-At", new Date().toISOString());
    const copy = new Response(await response.text(), { headers });
    await caches.open(PAGES).then((cache) => cache.put(path, copy));
  } else if (response.type === "opaqueredirect" || response.status === 401) {
    await caches.delete(PAGES);
  }
}

function offlinePage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · runrehab</title><link rel="stylesheet" href="/static/app.css">
<script src="/static/offline.js" defer></script></head>
<body><header class="app-header"><a class="brand" href="/today"><img src="/static/icon.svg" alt="" width="26" height="26">runrehab</a></header>
<main id="main"><h1>You are offline</h1>
<p>This page needs a connection. <a href="/today">Today's session</a> is kept on this phone, and
what you log there is sent when you are back online.</p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
