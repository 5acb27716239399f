// Fills in the comment count of each story card on a list page (.remark42__counter with the
// story's address in data-url) with Remark42's own counter, from the newsroom's Remark42 server.
// A file rather than an inline script, so a strict Content-Security-Policy (script-src 'self' +
// the server) holds; its settings come from this script element's data attributes.
(function () {
  var self = document.currentScript;
  if (!self || !document.querySelector(".remark42__counter")) {
    return;
  }
  var host = self.getAttribute("data-host").replace(/\/$/, "");
  window.remark_config = {
    host: host,
    site_id: self.getAttribute("data-site-id"),
    locale: self.getAttribute("data-locale"),
    components: ["counter"],
  };
  var script = document.createElement("script");
  script.src = host + "/web/counter.js";
  script.defer = true;
  document.head.appendChild(script);
})();
