// The console's only script: progressive enhancement on top of forms that work without it.
// Copy buttons: shown only when the clipboard can be used; the secret stays in the page, never in
// storage.
(function () {
  "use strict";
  function enhanceCopyButtons() {
    if (!navigator.clipboard) {
      return;
    }
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector(".copy-status");
      if (!field) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () {
            if (status) { status.textContent = "Copied to the clipboard."; }
          },
          function () {
            field.select();
            if (status) { status.textContent = "Select the text and copy it with Ctrl+C."; }
          });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceCopyButtons);
  } else {
    enhanceCopyButtons();
  }
})();
