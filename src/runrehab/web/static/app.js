// Progressive enhancement only: pages work without JavaScript; this shows the value next to each
// pain slider (the charts are in charts.js, loaded only by the pages that draw them).
document.addEventListener("input", (event) => {
  const out = document.querySelector(`output[for="${event.target.id}"]`);
  if (out) out.textContent = event.target.value;
});

// Runs page: the upload's progress.
document.addEventListener("htmx:xhr:progress", (event) => {
  const bar = document.getElementById("upload-progress");
  // only the upload's own request: a one-tap answer on the same page is not an upload
  if (!bar || !event.detail.total || event.target.id !== "upload-form") return;
  bar.hidden = false;
  bar.value = Math.round((100 * event.detail.loaded) / event.detail.total);
});

// A form posted the ordinary way (no htmx) is sent once: a second tap while the first is on its
// way does nothing, so a double tap on a slow network never saves a note or a change twice.
// htmx forms guard themselves (hx-sync="this:drop", hx-disabled-elt). Back to a cached page
// clears the mark so the form can be used again.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.hasAttribute("hx-post")) return;
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "yes";
  form.setAttribute("aria-busy", "true");
});
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  document.querySelectorAll("form[data-sending]").forEach((form) => {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
  });
});

// Times the server wrote in UTC, shown in the reader's own time zone and locale.
function localTimes() {
  for (const time of document.querySelectorAll("time[data-local]")) {
    const moment = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(moment.getTime())) {
      time.textContent = moment.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    }
  }
}
document.addEventListener("DOMContentLoaded", localTimes);

// Days the server wrote in English words ("Mon 7 Dec"), in the reader's own locale.
function localDays(root = document) {
  const thisYear = new Date().getFullYear();
  for (const time of root.querySelectorAll("time[data-day]")) {
    const [y, m, d] = time.getAttribute("datetime").split("-").map(Number);
    const day = new Date(y, m - 1, d);
    if (Number.isNaN(day.getTime())) continue;
    const words = { weekday: "short", day: "numeric", month: "short" };
    if (y !== thisYear) words.year = "numeric";
    time.textContent = day.toLocaleDateString(undefined, words);
  }
}
document.addEventListener("DOMContentLoaded", () => localDays());
document.addEventListener("htmx:afterSettle", (event) => localDays(event.target));

// Today's verdict: open the first time a runner sees it; folded to its one-line label after that
// (the label stays visible; a tap opens it again). Closing it by hand counts as read too.
function rememberRead() {
  for (const box of document.querySelectorAll("details[data-remember]")) {
    const key = `read:${box.dataset.remember}`;
    try {
      if (localStorage.getItem(key)) box.open = false;
      else localStorage.setItem(key, "1");
    } catch {
      /* storage off (private mode): it simply stays open */
    }
  }
}
document.addEventListener("DOMContentLoaded", rememberRead);

// A session card after a save: marked done, and its button says it logs another one. "Did less
// or more?" changed: the button says it logs what was done, not the prescription.
// While a save is on its way the button says so (a slow network must not look like a dead tap).
document.addEventListener("htmx:beforeSend", (event) => {
  const button = event.detail.elt.querySelector?.("button[type=submit]");
  if (!button) return;
  button.dataset.idle = button.textContent;
  button.textContent = "Saving…";
});
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  const button = form.querySelector?.("button[type=submit]");
  if (button?.dataset.idle) button.textContent = button.dataset.idle;
  if (!(form instanceof HTMLFormElement) || !form.matches("[data-card]") || !event.detail.successful) return;
  form.closest(".card")?.classList.add("done");
  if (button) button.textContent = "Log another";
});
document.addEventListener("input", (event) => {
  const form = event.target.closest?.("form[data-card]");
  if (!form || !event.target.closest("details.adjust")) return;
  const changed = [...form.querySelectorAll("details.adjust input")].some((i) =>
    i.type === "checkbox" ? i.checked !== i.defaultChecked : i.value !== i.defaultValue,
  );
  const button = form.querySelector("button[type=submit]");
  if (button) button.textContent = changed ? "Log what I did" : button.dataset.label;
});

// The morning check card shows in the morning (before noon, the reader's time) or until done.
function morningOnly() {
  const card = document.querySelector("[data-morning]");
  if (card && new Date().getHours() >= 12) {
    card.hidden = true;
    const link = document.createElement("p");
    link.innerHTML = 'Missed the morning check? <a href="/log#log-checkin">Log it</a>.';
    link.className = "muted";
    (document.querySelector(".log-more") || card).before(link); // after the session, not above it
  }
}
document.addEventListener("DOMContentLoaded", morningOnly);

// A short message at the bottom of the screen (above the tab bar), read out by screen readers:
// `runrehab.toast("Sent")`. Used for what happens out of sight (the offline queue, a save).
window.runrehab = window.runrehab || {};
window.runrehab.toast = (text, ms = 4000) => {
  const area = document.getElementById("toasts");
  if (!area) return;
  const toast = document.createElement("p");
  toast.className = "toast";
  toast.textContent = text;
  area.append(toast);
  setTimeout(() => toast.remove(), ms);
};

// Numbers the server wrote with a point ("8.8 km"), in the reader's own locale ("8,8 km").
function localNumbers(root = document) {
  for (const data of root.querySelectorAll("data[data-num]")) {
    const value = Number(data.value);
    if (Number.isFinite(value)) data.textContent = value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }
}
document.addEventListener("DOMContentLoaded", () => localNumbers());
document.addEventListener("htmx:afterSettle", (event) => localNumbers(event.target));
