// The coach's "Change the plan" form: shows only the fieldset of the chosen change. Without
// JavaScript every fieldset shows (and the server reads only the chosen kind's fields); with
// it the others hide and are disabled, so they are neither seen nor sent.
(() => {
  "use strict";

  function fit(form) {
    const kind = form.querySelector("select[name=kind]").value;
    for (const set of form.querySelectorAll("fieldset[data-kind]")) {
      const mine = set.dataset.kind.split(" ").includes(kind);
      set.hidden = !mine;
      set.disabled = !mine;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("form[data-override-form]")) {
      form.querySelector("select[name=kind]").addEventListener("change", () => fit(form));
      fit(form);
    }
  });
})();
