// An old short link on the home page (WordPress's /?p=123) goes on to the page that answers for
// it: the build writes one under the folder named in data-folder for every such old address.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.location.search) {
    return;
  }
  var params = new URLSearchParams(window.location.search);
  var names = (script.getAttribute("data-names") || "").split(" ");
  for (var index = 0; index < names.length; index += 1) {
    var value = params.get(names[index]);
    // The same characters the build allows in an old query's value: nothing else is a page.
    if (value && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(value)) {
      window.location.replace(
        script.getAttribute("data-folder") + names[index] + "/" + value + "/"
      );
      return;
    }
  }
})();
