// The search page: Pagefind's default UI over the index in /pagefind/, started from a file
// rather than an inline script so a strict Content-Security-Policy (script-src 'self') allows it.
// A ?q= in the address (the home page's SearchAction) runs that search at once.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#pencarian", showSubResults: false, showImages: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
