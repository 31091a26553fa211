// Small behaviours of Coso's pages, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts. Each works from data-* attributes and does nothing where
// they are absent.
(function () {
  "use strict";

  // A list filtered as one types: <input data-filter="CSS selector of the items">.
  function filters() {
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      input.addEventListener("input", function () {
        var q = input.value.toLowerCase();
        document.querySelectorAll(input.dataset.filter).forEach(function (item) {
          item.hidden = item.textContent.toLowerCase().indexOf(q) < 0;
        });
      });
    });
  }

  // "Use my location": <button data-locate data-done="label once found"> fills the
  // form's latitude and longitude fields.
  function locate() {
    document.querySelectorAll("button[data-locate]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!navigator.geolocation) return;
        navigator.geolocation.getCurrentPosition(function (p) {
          var form = button.form;
          form.querySelector("[name=latitude]").value = p.coords.latitude.toFixed(6);
          form.querySelector("[name=longitude]").value = p.coords.longitude.toFixed(6);
          button.textContent = button.dataset.done;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    filters();
    locate();
  });
})();
