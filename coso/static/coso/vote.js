// The QR code on a household's form opens /vote/#code=XXXXXXXX. What follows "#" never
// leaves the browser, so the one-time code is not written to any server log: copy it
// into the form, drop it from the address bar and history, and look the code up by POST.
(function () {
  "use strict";
  var match = /(?:^#|&)code=([^&]+)/.exec(window.location.hash);
  var form = document.getElementById("vote-form");
  if (!match || !form) return;
  var input = form.querySelector("input[name=code]");
  if (!input) return;
  input.value = decodeURIComponent(match[1]);
  window.history.replaceState(null, "", window.location.pathname);
  // requestSubmit, unlike submit, sends the submit event: the next page's focus follows it (coso.js).
  if (form.requestSubmit) form.requestSubmit();
  else form.submit();
})();
