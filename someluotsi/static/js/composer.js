// Progressive enhancement for the composer: hashtag suggestions become buttons that add the
// tag (or replace a lower-case one) in the text last edited. The check itself runs through
// htmx (hx-trigger on the form); without JavaScript the "Check" button does the same.
(function () {
  var lastText = null;

  function textareas() {
    return document.querySelectorAll(".composer-form textarea.compose-text");
  }

  function target() {
    return lastText || textareas()[0];
  }

  function insertTag(tag, replaces) {
    var area = target();
    if (!area) { return; }
    if (replaces && area.value.indexOf(replaces) !== -1) {
      area.value = area.value.split(replaces).join(tag);
    } else {
      var start = area.selectionStart === undefined ? area.value.length : area.selectionStart;
      var before = area.value.slice(0, start);
      var after = area.value.slice(start);
      var gap = before && !/\s$/.test(before) ? " " : "";
      area.value = before + gap + tag + (after && !/^\s/.test(after) ? " " : "") + after;
    }
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  function enable(root) {
    root.querySelectorAll(".insert-tag").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        insertTag(button.dataset.tag, button.dataset.replaces);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    textareas().forEach(function (area) {
      area.addEventListener("focus", function () { lastText = area; });
    });
    enable(document);
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) { enable(event.target); });
})();
