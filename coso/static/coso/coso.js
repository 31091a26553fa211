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

  // Signing out clears the site's storage (Clear-Site-Data), the field page's queue with
  // it (coso/field/static/field/field.js: database "coso-field", store "queue"): with
  // entries still waiting to be sent, ask first. <form data-unsent="message, __N__ for
  // the count">. Never creates the database: where it is missing, the upgrade is aborted.
  function signOutGuard() {
    document.querySelectorAll("form[data-unsent]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.indexedDB || form.dataset.sure) return;
        event.preventDefault();
        // Submitted again as a real submit, which focusAfterSubmit notes.
        var leave = function () { form.dataset.sure = "1"; form.requestSubmit(); };
        var req = indexedDB.open("coso-field");
        req.onupgradeneeded = function () { req.transaction.abort(); };
        req.onerror = leave;
        req.onsuccess = function () {
          var db = req.result;
          if (!db.objectStoreNames.contains("queue")) { db.close(); return leave(); }
          var all = db.transaction("queue", "readonly").objectStore("queue").getAll();
          all.onerror = function () { db.close(); leave(); };
          all.onsuccess = function () {
            db.close();
            var n = all.result.filter(function (e) { return e.state === "waiting"; }).length;
            if (!n || window.confirm(form.dataset.unsent.replace("__N__", n))) leave();
          };
        };
      });
    });
  }

  // Results that follow a search as one types, without a page load; without JavaScript
  // the form submits as usual. <form data-live="#target"> (GET; the address follows) or
  // <select data-live="#target" data-live-url="..."> (refills the target's options). Asked
  // with "HX-Request: true", to which the views answer the fragment alone; never kept in
  // the browser's cache, where going back to the address would find the fragment.
  function liveForms() {
    document.querySelectorAll("[data-live]").forEach(function (el) {
      var target = document.querySelector(el.dataset.live), form = el.tagName === "FORM", last = "", timer;
      function go(now, submitted) {
        clearTimeout(timer);
        if (!now) { timer = setTimeout(go, 300, true); return; }
        var url = new URL(el.dataset.liveUrl || el.action, location.href);
        url.search = new URLSearchParams(form ? new FormData(el) : [[el.name, el.value]]);
        if (url.href === last && !submitted) return;
        last = url.href;
        fetch(url, { headers: { "HX-Request": "true" }, cache: "no-store" }).then(function (r) {
          if (!r.ok) throw r.status;
          return r.text();
        }).then(function (html) {
          if (url.href !== last) return;  // a later search's answer is due
          target.innerHTML = html;
          if (form) history.replaceState(null, "", url);
        }, function () { if (submitted) location.assign(url); });
      }
      el.addEventListener("input", function (event) { go(event.target.tagName === "SELECT"); });
      el.addEventListener("change", function () { go(true); });
      el.addEventListener("submit", function (event) { event.preventDefault(); go(true, true); });
    });
  }

  // Focus on the user's next step after a submit (WCAG 2.4.3). An htmx POST: its swapped
  // answer (message, else heading, else itself).
  function focusOn(target) {
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
  function focusAfterSwap() {
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var d = event.detail || {}, swapped = event.target, marks = "[role=status], [role=alert], .message, .error, h2, h3";
      if ((d.requestConfig || {}).verb !== "post" || !swapped.querySelector || !swapped.isConnected || swapped.contains(document.activeElement)) return;
      focusOn(swapped.matches(marks) ? swapped : swapped.querySelector(marks) || swapped);
    });
  }

  // A full-page submit (noted in sessionStorage, before another script may submit, e.g.
  // vote.js): where no message or error summary took the focus (autofocus), the heading.
  function focusAfterSubmit() {
    var key = "coso-submitted", was = null;
    document.addEventListener("submit", function (event) {
      if (!event.defaultPrevented && /^post$/i.test(event.target.getAttribute("method"))) {
        try { sessionStorage.setItem(key, "1"); } catch (e) { /* no storage */ }
      }
    });
    try { was = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) { /* no storage */ }
    if (was) window.addEventListener("load", function () {
      requestAnimationFrame(function () { requestAnimationFrame(function () {
        var main = document.getElementById("main");
        if (main && (!document.activeElement || document.activeElement === document.body)) focusOn(main.querySelector("h1") || main);
      }); });
    });
  }

  focusAfterSubmit();

  document.addEventListener("DOMContentLoaded", function () {
    filters();
    locate();
    signOutGuard();
    liveForms();
    focusAfterSwap();
  });
})();
