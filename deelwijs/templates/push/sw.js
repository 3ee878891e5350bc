{% autoescape off %}// The service worker of Deelwijs (deelwijs/push, docs/push.md), served at /sw.js so it controls every page.
// It keeps the app shell for a shaky connection, the last feed page the person saw, and shows the notifications
// pushed to this device. Every other page goes to the network only, as it would without this file: no one else's
// pages are ever kept. Signing out clears it all (Clear-Site-Data), and a signed-out page tells it to forget too.
"use strict";

const VERSION = "{{ version }}";
const SHELL_CACHE = "deelwijs-shell-" + VERSION;
const FEED_CACHE = "deelwijs-feed";
const SHELL = {{ shell }};
const FEED = {{ feed }};
const OFFLINE = {{ offline }};
const ICON = {{ icon }};
// The kept feed is shown no longer than a session may last.
const MAX_FEED_AGE = {{ max_feed_age }};
// The entry of the feed cache that says whose feed it is: the code of static/js/pwa.js (push.person_tag).
const PERSON = "/__deelwijs_person__";
const KEPT_AT = "X-Deelwijs-Kept-At";

function fillShell() {
  // Fetched without the session cookie, so nothing in the shell depends on who is signed in.
  return caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (url) { return new Request(url, { credentials: "omit", cache: "reload" }); }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(fillShell().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("deelwijs-shell-") === 0 && name !== SHELL_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Everything but the shell of this version, which holds nothing of anyone.
function forgetPersonal() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== SHELL_CACHE; }).map(function (name) {
      return caches.delete(name);
    }));
  });
}

function keptPerson() {
  return caches.open(FEED_CACHE).then(function (cache) { return cache.match(PERSON); }).then(function (record) {
    return record ? record.text() : null;
  });
}

self.addEventListener("message", function (event) {
  const data = event.data || {};
  if (data.type === "signed-out") {
    event.waitUntil(forgetPersonal());
  } else if (data.type === "person" && typeof data.person === "string") {
    // Someone else signed in on this browser: the feed kept for the one before goes.
    event.waitUntil(keptPerson().then(function (person) {
      return person === data.person ? null : forgetPersonal().then(function () { return caches.open(FEED_CACHE); })
        .then(function (cache) { return cache.put(PERSON, new Response(data.person)); });
    }));
  }
});

function offlinePage() {
  return caches.open(SHELL_CACHE).then(function (cache) { return cache.match(OFFLINE); }).then(function (page) {
    return page || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });
}

// The app shell: from the cache at once, refreshed from the network for the next time.
function shellFile(event) {
  const request = event.request;
  return caches.open(SHELL_CACHE).then(function (cache) {
    return cache.match(request.url).then(function (kept) {
      const fresh = fetch(request).then(function (response) {
        if (response.ok) return cache.put(request.url, response.clone()).then(function () { return response; });
        return response;
      });
      if (kept) {
        event.waitUntil(fresh.catch(function () {}));
        return kept;
      }
      return fresh;
    });
  });
}

// The feed: from the network; a fresh copy is kept for the person it was for. Without a network, that copy
// (if it is recent and theirs), else the offline page.
function feedPage(request) {
  return fetch(request).then(function (response) {
    const html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
    // A redirect (to the sign-in page when the session ended) is not the feed.
    if (!response.ok || response.redirected || !html) return response;
    const copy = response.clone();
    return keptPerson().then(function (person) {
      if (person === null) return response; // nobody has said who is signed in yet: keep nothing
      return copy.blob().then(function (body) {
        const headers = new Headers(copy.headers);
        headers.set(KEPT_AT, String(Date.now()));
        return caches.open(FEED_CACHE).then(function (cache) {
          return cache.put(FEED, new Response(body, { status: copy.status, headers: headers }));
        });
      }).then(function () { return response; });
    });
  }).catch(function () {
    return caches.open(FEED_CACHE).then(function (cache) { return cache.match(FEED); }).then(function (kept) {
      const age = kept ? Date.now() - Number(kept.headers.get(KEPT_AT) || 0) : Infinity;
      return age < MAX_FEED_AGE ? kept : offlinePage();
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname === FEED && !url.search) event.respondWith(feedPage(request));
    else event.respondWith(fetch(request).catch(offlinePage));
  } else if (SHELL.indexOf(url.pathname) !== -1) {
    event.respondWith(shellFile(event));
  }
  // Anything else (photos, JSON, downloads): the network alone, as without a service worker.
});

// A link inside Deelwijs only: a push can never open another site.
function inside(link) {
  try {
    const url = new URL(link || "/", self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : "/";
  } catch (error) {
    return "/";
  }
}

self.addEventListener("push", function (event) {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || "Deelwijs", {
    body: data.body || "",
    icon: ICON,
    badge: ICON,
    lang: "nl",
    data: { url: inside(data.url) },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (const client of windows) {
      if (new URL(client.url).pathname === target && "focus" in client) return client.focus();
    }
    return self.clients.openWindow(target);
  }));
});
{% endautoescape %}
