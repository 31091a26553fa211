// The QR code printed for a household opens /ho/dang-nhap/#login=…&code=…. What follows
// "#" never leaves the browser: copy it into the form and drop it from the address bar.
(function () {
  "use strict";
  var hash = window.location.hash;
  var login = /(?:^#|&)login=([^&]+)/.exec(hash);
  var code = /(?:^#|&)code=([^&]+)/.exec(hash);
  var form = document.getElementById("sign-in");
  if (!form || (!login && !code)) return;
  if (login) form.querySelector("input[name=login]").value = decodeURIComponent(login[1]);
  if (code) form.querySelector("input[name=secret]").value = decodeURIComponent(code[1]);
  window.history.replaceState(null, "", window.location.pathname);
})();
