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
