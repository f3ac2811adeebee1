// Drag a post to another day in the month or week view (mouse and touch-pad users); the move
// keeps the post's time of day. Keyboard users and browsers without JavaScript use the "Move"
// form on the post's page. The server refuses times in the past and stale versions.
(function () {
  var script = document.currentScript;
  var dragged = null;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function say(text) {
    var status = document.getElementById("cal-status");
    if (status) { status.textContent = text; }
  }

  function move(item, day) {
    var time = item.dataset.time || "09:00";
    var body = new URLSearchParams();
    body.set("action", "move");
    body.set("scheduled_at", day + "T" + time);
    body.set("version", item.dataset.version);
    fetch(item.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
      credentials: "same-origin",
      body: body
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok) {
        say(script.dataset.moved);
        window.location.reload();
      } else {
        say(result.data.message || script.dataset.failed);
      }
    }).catch(function () { say(script.dataset.failed); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var items = document.querySelectorAll(".cal-item[draggable=true]");
    if (!items.length) { return; }
    var help = document.querySelector(".cal-drag-help");
    if (help) { help.hidden = false; }
    items.forEach(function (item) {
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.moveUrl);
      });
    });
    document.querySelectorAll(".cal-day[data-day]").forEach(function (cell) {
      cell.addEventListener("dragover", function (event) {
        if (dragged) { event.preventDefault(); cell.classList.add("drop-target"); }
      });
      cell.addEventListener("dragleave", function () { cell.classList.remove("drop-target"); });
      cell.addEventListener("drop", function (event) {
        event.preventDefault();
        cell.classList.remove("drop-target");
        if (dragged) { move(dragged, cell.dataset.day); dragged = null; }
      });
    });
  });
})();
