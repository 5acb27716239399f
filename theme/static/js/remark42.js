// Starts a self-hosted Remark42 comment thread from the slot's data attributes: a file rather
// than an inline script, so a strict Content-Security-Policy (script-src 'self' + the server) holds.
(function () {
  var slot = document.getElementById("remark42");
  if (!slot) {
    return;
  }
  var host = slot.getAttribute("data-host").replace(/\/$/, "");
  window.remark_config = {
    host: host,
    site_id: slot.getAttribute("data-site-id"),
    url: slot.getAttribute("data-url"),
    locale: slot.getAttribute("data-locale"),
    components: ["embed", "counter"],
  };
  // The thread, and the count under the headline: each is one of Remark42's own scripts.
  ["embed", "counter"].forEach(function (component) {
    var script = document.createElement("script");
    script.src = host + "/web/" + component + ".js";
    script.defer = true;
    document.head.appendChild(script);
  });
})();
