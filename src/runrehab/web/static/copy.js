// The calendar page: Copy puts the private address on the clipboard. Without JavaScript the
// button stays hidden and the read-only field is selected and copied by hand.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-status`);
  button.hidden = false;
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    field.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch {
      copied = document.execCommand("copy"); // an address served over plain http has no clipboard API
    }
    status.textContent = copied ? "Copied. Paste it into your calendar app." : "Select the address and copy it.";
  });
}
