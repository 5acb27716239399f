// "Copy link" under a story: copies the story's address and says so. Without this script, or
// without clipboard access, the link still leads to the story's own address.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.share-copy");
  if (!link || !navigator.clipboard) {
    return;
  }
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    link.textContent = link.getAttribute("data-copied");
  });
});
