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

  // After a form sent by htmx (a POST) swaps its answer into the page, the focus goes to
  // that answer (its message, else its heading, else the swapped part itself): the button
  // pressed may be gone, and the user's next step is to read what happened (WCAG 2.4.3).
  // Searches (GETs while typing) keep the focus in their field.
  function focusAfterSwap() {
    var done = null;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var detail = event.detail || {};
      var config = detail.requestConfig || {};
      var swapped = event.target;
      if (config.verb !== "post" || detail.xhr === done || !swapped || !swapped.isConnected || !swapped.querySelector) return;
      done = detail.xhr;
      var marks = "[role=status], [role=alert], .message, .error, h2, h3";
      var target = swapped.matches(marks) ? swapped : swapped.querySelector(marks) || swapped;
      if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
      target.focus();
    });
  }

  // After a form's full-page submit, the next page's focus: its message or the error
  // summary take it by themselves (autofocus); a page with neither gives it to its heading,
  // where the user's next step starts, instead of leaving it on the body (WCAG 2.4.3).
  // The submit is noted for the next page in the tab's sessionStorage; this runs as the
  // script does, before any other script of the page may submit a form itself (vote.js).
  var SUBMITTED = "coso-submitted";
  function focusAfterSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
      try { sessionStorage.setItem(SUBMITTED, "1"); } catch (e) { /* storage refused */ }
    });
    var submitted = null;
    try {
      submitted = sessionStorage.getItem(SUBMITTED);
      sessionStorage.removeItem(SUBMITTED);
    } catch (e) { /* storage refused */ }
    if (!submitted) return;
    // Autofocus lands when the page is first rendered: look after that.
    window.addEventListener("load", function () {
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          if (document.activeElement && document.activeElement !== document.body) return;
          var main = document.getElementById("main");
          var target = main && (main.querySelector("h1") || main);
          if (!target) return;
          if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
          target.focus();
        });
      });
    });
  }

  focusAfterSubmit();

  document.addEventListener("DOMContentLoaded", function () {
    filters();
    locate();
    focusAfterSwap();
  });
})();
