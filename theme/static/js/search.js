// The search page: Pagefind's default UI over the site's search index, which comes in parts, one
// Pagefind bundle per period (plugins/findability/search/). The UI loads from the newest
// part's bundle and merges the others in with Pagefind's mergeIndex, so one search covers them
// all. It starts from a file and reads its settings from the page's data attributes, so a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') allows it. A ?q= in the
// address (the home page's SearchAction) runs that search at once.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("pencarian");
  var listed = element ? element.getAttribute("data-bundles").trim() : "";
  if (!listed || typeof PagefindUI === "undefined") {
    return;
  }
  // Pagefind searches in a web worker, where a relative path would resolve against the worker
  // script's address: every path is made absolute first, from the page's own address, so the
  // site works under any sub-path ("/warta/") and with relative links.
  function absolute(address) {
    return new URL(address, document.baseURI).pathname;
  }
  var bundles = listed.split(/\s+/).map(absolute);
  // Result URLs are stored relative to the site's root ("2026/11/slug/"): baseUrl puts it back.
  var root = absolute(element.getAttribute("data-site-root"));
  var ui = new PagefindUI({
    element: "#pencarian",
    bundlePath: bundles[0],
    baseUrl: root,
    mergeIndex: bundles.slice(1).map(function (bundle) {
      return { bundlePath: bundle, baseUrl: root };
    }),
    showSubResults: false,
    showImages: false,
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
