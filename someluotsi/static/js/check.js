// Progressive enhancement for the checker: a copy button for the redacted text.
// Without JavaScript the text stays selectable in its read-only field.
(function () {
  function enable(root) {
    root.querySelectorAll(".copy-button").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copyTarget);
        var status = button.parentElement.querySelector(".copy-status");
        navigator.clipboard.writeText(target.value).then(function () {
          if (status) { status.textContent = status.dataset.copied; }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) { enable(event.target); });
})();
