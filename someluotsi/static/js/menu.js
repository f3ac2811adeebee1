// The site menu on narrow screens (site.css, max-width 40rem): the language switch, the user's
// links and the main navigation collapse behind the Menu button. Without JavaScript the button
// stays hidden and everything is shown, as on a wide screen.
(function () {
  var button = document.querySelector(".menu-button");
  if (!button) { return; }
  var narrow = window.matchMedia("(max-width: 40rem)");
  var root = document.documentElement;
  var panels = (button.getAttribute("aria-controls") || "").split(/\s+/)
    .map(function (id) { return document.getElementById(id); })
    .filter(function (element) { return element !== null; });

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    root.classList.toggle("menu-open", open);
  }
  function sync() {
    // Wide: the button is hidden and the menu always shown (expanded); narrow: closed at first.
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }

  root.classList.add("has-menu-button");
  sync();
  if (narrow.addEventListener) { narrow.addEventListener("change", sync); }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes an open menu from the button or from inside it; the focus goes to the button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !narrow.matches || button.getAttribute("aria-expanded") !== "true") { return; }
    var inside = event.target === button || panels.some(function (panel) { return panel.contains(event.target); });
    if (!inside) { return; }
    setOpen(false);
    button.focus();
  });
})();
