// Installable app: register the service worker (someluotsi/core/pwa.py) where browsers support it.
(function () {
  if (!("serviceWorker" in navigator)) { return; }
  var script = document.currentScript;
  var url = script && script.dataset.serviceWorker;
  if (!url) { return; }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {
      // The app works without it; only the offline page is lost.
    });
  });
})();
