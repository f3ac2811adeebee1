// Progressive enhancement for the checker: the verdict is brought into view (on a phone it lands
// below the form, out of sight) and a copy button for the redacted text.
// Without JavaScript the form posts to "#check-result" and the browser scrolls there itself.
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
  function reveal(container) {
    var target = container.querySelector("#result-heading, .form-errors");
    if (!target) { return; }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  }
  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    enable(event.target);
    if (event.target.id === "check-result") { reveal(event.target); }
  });
})();
