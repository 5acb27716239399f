// The search page: Pagefind's default UI over the site's search index, which comes in parts, one
// Pagefind bundle per period (plugins/findability/search/). The UI loads from the newest
// part's bundle and merges the others in with Pagefind's mergeIndex, so one search covers them
// all. It starts from a file and reads its settings from the page's data attributes, so a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') allows it. A ?q= in the
// address (the home page's SearchAction) runs that search at once.
//
// The page loads this file async, so it runs as soon as it arrives, before Pagefind's UI script
// (deferred, and ten times its size) has. With a query in the address it then starts fetching
// Pagefind's search engine (pagefind.js, named by this script's data-engine), which the UI would
// ask for only once it runs: the two come side by side, not one after the other, and the
// results show that much sooner. Without a query nothing of the search is fetched before the
// reader types. The UI is drawn once the page is parsed and the deferred UI script has run.
(function () {
  // Pagefind searches in a web worker, where a relative path would resolve against the worker
  // script's address: every path is made absolute first, from the page's own address, so the
  // site works under any sub-path ("/warta/") and with relative links.
  function absolute(address) {
    return new URL(address, document.baseURI).pathname;
  }
  var query = new URLSearchParams(window.location.search).get("q");
  var script = document.currentScript;
  var engine = script ? script.getAttribute("data-engine") : null;
  if (query && engine) {
    var preload = document.createElement("link");
    preload.rel = "modulepreload";
    preload.href = absolute(engine);
    document.head.appendChild(preload);
  }

  function start() {
    var element = document.getElementById("pencarian");
    var listed = element ? element.getAttribute("data-bundles").trim() : "";
    if (!listed || typeof PagefindUI === "undefined") {
      return;
    }
    var bundles = listed.split(/\s+/).map(absolute);
    // Result URLs are stored relative to the site's root ("2026/11/slug/"): baseUrl puts it
    // back.
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
    if (query) {
      ui.triggerSearch(query);
    }
  }

  // Deferred scripts, Pagefind's UI among them, have all run when DOMContentLoaded fires. This
  // file usually runs before that; if it arrives later, the page is ready and it starts at once.
  if (document.readyState === "loading" || typeof PagefindUI === "undefined") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
