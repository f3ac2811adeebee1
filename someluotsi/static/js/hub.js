// The ambassador hub: each share link carries the text as the person edited it (after the
// person's share key, which data-base already holds). Without
// JavaScript the links carry the suggested text, and "Check my text" shows the page again.
(function () {
  function update(area) {
    document.querySelectorAll(".share-link[data-source='" + area.id + "']").forEach(function (link) {
      link.href = link.dataset.base + "&text=" + encodeURIComponent(area.value);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".share-form textarea").forEach(function (area) {
      area.addEventListener("input", function () { update(area); });
    });
  });
})();
