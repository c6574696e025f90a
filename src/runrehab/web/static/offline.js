// Offline: the installable app and the entries logged without a connection. Loaded on every page.
//
// The service worker (/sw.js) keeps the app's files and the last Today and Log pages on the
// phone. A log form marked `data-offline` that is sent without a connection (the browser says it
// is offline, or the request fails on the way) is kept here, in the outbox, with its address and
// its fields, its client entry id among them; it is sent, in order, when the connection returns
// and on every page load. The server stores an entry once per id, so sending one again after a
// lost answer stores nothing twice. An entry leaves the outbox only on a 2xx answer; a refusal
// (4xx) is shown to the runner, not retried; a 401 keeps everything and asks to log in.
//
// The outbox is localStorage, not IndexedDB: only pages read it (never the worker), an entry is a
// few hundred bytes, and a synchronous read draws the banner with the page, without a flash.
// Tabs take turns sending (Web Locks), and the server's idempotency covers a browser without.
(() => {
  const OUTBOX = "runrehab.outbox";
  const REFUSED = "runrehab.refused";
  const SAVED = "Saved on this phone: will be sent when you are back online.";
  let loginNeeded = false;

  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key)) || [];
    } catch {
      return [];
    }
  };
  const write = (key, list) => {
    if (list.length) localStorage.setItem(key, JSON.stringify(list));
    else localStorage.removeItem(key);
  };

  // A client entry id as the server makes them (32 hex digits); crypto.randomUUID needs HTTPS.
  const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  // The runner's own day: an entry sent after midnight keeps the day it was logged on.
  const today = () => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  };

  const offlineForm = (elt) => elt instanceof HTMLFormElement && elt.hasAttribute("data-offline");

  // Every log form gets ids no one has used: the page may be the copy kept on the phone, whose
  // ids were handed out when it was first shown.
  function freshIds(root = document) {
    root.querySelectorAll("form[data-offline] input[name=id]").forEach((input) => { input.value = newId(); });
  }

  function keep(form, url, body, target) {
    if (!body.get("id")) body.set("id", newId()); // a retry must name the same entry
    const entry = { id: body.get("id"), url, body: body.toString(), saved_at: new Date().toISOString(), what: form.dataset.offline || "" };
    write(OUTBOX, [...read(OUTBOX), entry]);
    const id = form.querySelector("input[name=id]");
    if (id) id.value = newId(); // the next entry from this form is a new one
    const button = form.querySelector("button[type=submit]");
    if (button && form.matches("[data-card]")) button.textContent = "Log another"; // a tap was taken
    const note = document.createElement("p");
    note.className = "offline-note";
    note.setAttribute("role", "status");
    note.dataset.outboxId = entry.id;
    note.textContent = SAVED;
    if (target instanceof Element && !target.contains(form)) target.replaceChildren(note); // where the decision goes
    else form.prepend(note); // a form that answers in its own place keeps its fields
    render();
  }

  document.addEventListener("htmx:configRequest", (event) => {
    if (!offlineForm(event.detail.elt) || event.detail.parameters.date) return;
    event.detail.parameters.date = today(); // a retry after midnight must be the same entry
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    const { elt, requestConfig } = event.detail;
    if (!offlineForm(elt) || navigator.onLine) return;
    event.preventDefault(); // no connection: not even an attempt
    keep(elt, requestConfig.path, new URLSearchParams(requestConfig.formData), requestConfig.target);
  });
  document.addEventListener("htmx:sendError", (event) => {
    const { elt, requestConfig } = event.detail;
    if (offlineForm(elt)) keep(elt, requestConfig.path, new URLSearchParams(requestConfig.formData), requestConfig.target);
  });

  // Send what waits, oldest first; stop at the first failure that a later try may not repeat.
  async function send() {
    if (!navigator.onLine || !read(OUTBOX).length) return;
    if (navigator.locks) await navigator.locks.request("runrehab-outbox", sendAll);
    else await sendAll();
  }

  async function sendAll() {
    let sent = 0;
    for (let entry = read(OUTBOX)[0]; entry; entry = read(OUTBOX)[0]) {
      let response;
      try {
        response = await fetch(entry.url, { method: "POST", body: new URLSearchParams(entry.body), headers: { "HX-Request": "true" }, redirect: "manual" });
      } catch {
        break; // still no connection
      }
      loginNeeded = response.status === 401 || response.type === "opaqueredirect";
      if (loginNeeded || response.status >= 500 || [408, 429].includes(response.status)) break;
      const answer = await response.text();
      write(OUTBOX, read(OUTBOX).filter((e) => e.id !== entry.id));
      if (response.ok) {
        sent += 1;
        shown(entry, answer);
      } else {
        write(REFUSED, [...read(REFUSED), { ...entry, reason: words(answer) }]);
      }
    }
    if (sent) {
      toast(sent === 1 ? "1 entry saved on this phone was sent." : `${sent} entries saved on this phone were sent.`);
      if (window.htmx) htmx.trigger(document.body, "logged"); // as the answer's HX-Trigger would
    }
    render();
  }

  // The decision in place of the "saved on this phone" note, when the note is still on the page.
  function shown(entry, answer) {
    const note = document.querySelector(`[data-outbox-id="${CSS.escape(entry.id)}"]`);
    if (!note || !window.htmx) return;
    htmx.swap(note, answer, { swapStyle: "outerHTML" });
    freshIds(); // the answer's fresh ids went to the forms; any form it missed gets its own
  }

  function words(html) {
    const text = new DOMParser().parseFromString(html, "text/html").body.textContent;
    return text.replace(/\s+/g, " ").trim().slice(0, 300) || "the server refused it";
  }

  function toast(text) {
    const area = document.getElementById("toasts");
    if (!area) return;
    const item = document.createElement("p");
    item.className = "toast";
    item.textContent = text;
    area.append(item);
    setTimeout(() => item.remove(), 6000);
  }

  // The banner at the top of every page: what waits, what was refused, and why nothing is sent.
  function banner() {
    let box = document.getElementById("outbox");
    if (!box) {
      box = document.createElement("div");
      box.id = "outbox";
      box.className = "outbox";
      box.setAttribute("role", "status");
      const main = document.getElementById("main") || document.body;
      main.prepend(box);
    }
    return box;
  }

  function render() {
    if (!document.body) return;
    const waiting = read(OUTBOX).length;
    const refused = read(REFUSED);
    const box = banner();
    box.replaceChildren();
    if (keptAt()) box.append(line(`This is the copy kept on this phone at ${keptAt()}: the connection failed.`));
    if (waiting) box.append(...waitingLines(waiting));
    else if (!navigator.onLine) box.append(line("You are offline. What you log is saved on this phone and sent when you are back online."));
    if (refused.length) box.append(...refusedLines(refused));
    box.hidden = !box.childElementCount;
    box.classList.toggle("refused", refused.length > 0);
  }

  // Set by the service worker on a page it answered from the phone (the network failed).
  function keptAt() {
    const meta = document.querySelector("meta[name=runrehab-kept-at]");
    const at = meta && new Date(meta.content);
    return at && !Number.isNaN(at.getTime()) ? at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
  }

  function line(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  function waitingLines(count) {
    const one = count === 1;
    const p = line(`${one ? "1 entry" : `${count} entries`} waiting to be sent: saved on this phone. `);
    if (loginNeeded) {
      const login = document.createElement("a");
      login.href = `/login?next=${encodeURIComponent(location.pathname)}`;
      login.textContent = `Log in to send ${one ? "it" : "them"}`;
      p.append(login);
    } else if (navigator.onLine) {
      const now = document.createElement("button");
      now.type = "button";
      now.className = "secondary";
      now.textContent = "Send now";
      now.addEventListener("click", send);
      return [p, now];
    } else {
      p.append(`${one ? "It goes" : "They go"} when you are back online.`);
    }
    return [p];
  }

  function refusedLines(refused) {
    const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    const lines = refused.map((e) => line(`The ${e.what || "entry"} logged on this phone (${when(e.saved_at)}) was not saved: ${e.reason.replace(/^Not saved:\s*/i, "")}`));
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "secondary";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => { write(REFUSED, []); render(); });
    return [...lines, dismiss];
  }

  // Logging out forgets this phone's copies: the caches and the outbox (the logout answer's
  // Clear-Site-Data does too, where the browser honours it). Entries not yet sent are lost, so
  // the runner is asked first.
  window.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute("action") !== "/logout") return;
    const waiting = read(OUTBOX).length;
    event.preventDefault(); // app.js's listener sees this and leaves the form alone
    if (waiting && !confirm(`${waiting === 1 ? "1 entry" : `${waiting} entries`} saved on this phone ha${waiting === 1 ? "s" : "ve"} not been sent yet. Log out anyway and lose ${waiting === 1 ? "it" : "them"}?`)) return;
    forget().finally(() => form.submit());
  }, true);

  async function forget() {
    write(OUTBOX, []);
    write(REFUSED, []);
    if (window.caches) await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
  }

  function register() {
    if (!("serviceWorker" in navigator)) return;
    const controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register("/sw.js").catch(() => null);
    if (controlled) return;
    navigator.serviceWorker.ready.then((registration) => { // first visit: keep this page too
      if (registration.active) registration.active.postMessage({ keep: location.pathname + location.search });
    });
  }

  function manifest() {
    if (document.querySelector("link[rel=manifest]")) return;
    const link = document.createElement("link");
    link.rel = "manifest";
    link.href = "/manifest.webmanifest";
    document.head.append(link);
  }

  manifest();
  register();
  document.addEventListener("DOMContentLoaded", () => {
    freshIds();
    render();
    send();
  });
  window.addEventListener("online", () => { render(); send(); });
  window.addEventListener("offline", render);
  window.addEventListener("storage", (event) => { if ([OUTBOX, REFUSED].includes(event.key)) render(); });
  window.addEventListener("pageshow", (event) => { if (event.persisted) { render(); send(); } });
})();
