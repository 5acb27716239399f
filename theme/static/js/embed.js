// Videos and posts load only when the reader asks. Each is a card linking to the post's own
// page (what a reader without JavaScript follows); a click swaps the card for the service's
// player, framed from the one address the build made for it (data-player). Until then no
// request reaches the service. A click meant for a new tab or window opens the post instead.
document.addEventListener("click", function (event) {
  var card = event.target.closest && event.target.closest("a.embed-card");
  if (!card || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  var player = card.getAttribute("data-player") || "";
  if (player.indexOf("https://") !== 0) {
    return;
  }
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.className = "embed-frame";
  frame.src = player;
  frame.title = card.getAttribute("data-frame-title") || card.textContent;
  frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  card.parentNode.replaceChild(frame, card);
  frame.focus();
});
