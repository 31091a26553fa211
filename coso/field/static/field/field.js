/* The field page (coso/field): caches the user's household lists and open meetings in
   IndexedDB, queues what is entered (each entry with an identifier made here,
   crypto.randomUUID()), and sends the queue to /field/sync when the connection returns.
   The server records each entry once; a conflict comes back with its message, to be
   resolved here. No framework: this file and the service worker are the whole bundle. */
(function () {
  "use strict";
  var root = document.getElementById("field");
  if (!root) return;
  var words = document.getElementById("words").dataset;
  var DB = "coso-field";
  var db = null;
  var snapshot = null;
  var sending = false;

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore("data");
        req.result.createObjectStore("queue", { keyPath: "id" });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function store(name, mode, work) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(name, mode);
      var result = work(tx.objectStore(name));
      tx.oncomplete = function () { resolve(result && result.result); };
      tx.onerror = function () { reject(tx.error); };
    });
  }
  function all() { return store("queue", "readonly", function (s) { return s.getAll(); }); }
  function put(entry) { return store("queue", "readwrite", function (s) { return s.put(entry); }); }
  function drop(id) { return store("queue", "readwrite", function (s) { return s.delete(id); }); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  /* Fill a <select> with rows, keeping the choice made. */
  function choices(select, rows, label, value) {
    var kept = select.value;
    select.textContent = "";
    rows.forEach(function (r) {
      var option = el("option", label(r));
      option.value = value(r);
      select.appendChild(option);
    });
    if (kept) select.value = kept;
  }
  /* A number box for each option of a round, found by its data-key. */
  function countBoxes(box, options) {
    options.forEach(function (o) {
      var label = el("label", o.label);
      var input = el("input");
      input.type = "number";
      input.min = "0";
      input.inputMode = "numeric";
      input.dataset.key = o.key;
      input.defaultValue = "0";
      label.appendChild(input);
      box.appendChild(label);
    });
  }

  /* Signed out, or another account: nothing of the last one stays on the phone. */
  function forget() {
    snapshot = null;
    if (db) db.close();
    indexedDB.deleteDatabase(DB);
    if (window.caches) caches.keys().then(function (keys) { keys.forEach(function (k) { caches.delete(k); }); });
  }

  function showNet() {
    var net = document.getElementById("net");
    net.textContent = navigator.onLine ? words.online : words.offline;
    net.className = "badge " + (navigator.onLine ? "online" : "offline");
  }

  function render() {
    var meetings = (snapshot && snapshot.meetings) || [];
    choices(document.getElementById("meeting"), meetings, function (m) { return m.title + " — " + m.unit; }, function (m) { return m.key; });
    document.getElementById("meeting-form").hidden = !meetings.length;
    document.getElementById("no-meeting").hidden = !!meetings.length;
    renderMeeting();
    var villages = document.getElementById("village");
    villages.textContent = "";
    ((snapshot && snapshot.villages) || []).forEach(function (v) {
      var option = el("option", v.name + " — " + v.commune_name);
      option.value = v.code;
      option.dataset.commune = v.commune;
      villages.appendChild(option);
    });
    [["sessions", "session", "visit-section"], ["dialogues", "dialogue", "dialogue-section"], ["plans", "plan", "finding-section"]].forEach(function (part) {
      var rows = (snapshot && snapshot[part[0]]) || [];
      choices(document.getElementById(part[1]), rows, function (r) { return r.label; }, function (r) { return r.id; });
      document.getElementById(part[2]).hidden = !rows.length;
    });
    renderPapers();
    renderForms();
    if (snapshot) {
      document.getElementById("cached").textContent = words.cached + " " + new Date(snapshot.at).toLocaleString("vi-VN");
    }
  }

  function meeting() {
    var key = document.getElementById("meeting").value;
    return ((snapshot && snapshot.meetings) || []).filter(function (m) { return m.key === key; })[0];
  }

  function renderMeeting() {
    var m = meeting();
    var box = document.getElementById("households");
    var counts = document.getElementById("counts");
    box.textContent = "";
    counts.textContent = "";
    if (!m) return;
    var byHousehold = m.electorate === "households";
    document.getElementById("households-box").hidden = !byHousehold;
    document.getElementById("present-box").hidden = byHousehold;
    m.households.forEach(function (h) {
      var label = el("label");
      var input = el("input");
      input.type = "checkbox";
      input.value = h.id;
      label.appendChild(input);
      label.appendChild(document.createTextNode(h.code + (h.name ? " · " + h.name : "")));
      box.appendChild(label);
    });
    countBoxes(counts, m.options);
  }

  /* Rounds of the snapshot's `name` list: the one chosen in <select id=`select`>, and
     the list offered in it (its `section` hidden while there is none). */
  function chosenRound(name, select) {
    var id = Number(document.getElementById(select).value);
    return ((snapshot && snapshot[name]) || []).filter(function (r) { return r.id === id; })[0];
  }
  function listRounds(name, select, section) {
    var rounds = (snapshot && snapshot[name]) || [];
    choices(document.getElementById(select), rounds, function (r) { return r.title + " — " + r.unit; }, function (r) { return r.id; });
    document.getElementById(section).hidden = !rounds.length;
  }

  /* A secret round's paper: its rounds, its ballot boxes, a count per option. */
  function paperRound() { return chosenRound("papers", "paper-round"); }
  function renderPapers() {
    listRounds("papers", "paper-round", "paper-section");
    renderPaper();
  }
  function renderPaper() {
    var r = paperRound();
    var counts = document.getElementById("paper-counts");
    counts.textContent = "";
    if (!r) return;
    choices(document.getElementById("paper-box"), r.boxes, function (b) { return b.name; }, function (b) { return b.code; });
    document.getElementById("paper-box-row").hidden = !r.boxes.length;
    document.getElementById("paper-valid-row").hidden = !r.seats;
    countBoxes(counts, r.options);
  }

  /* A round's numbered forms: a row each (the number printed on the form, the options
     ticked on it; none ticked is a spoiled form), sent together as one entry. */
  function formRound() { return chosenRound("forms", "forms-round"); }
  function renderForms() {
    listRounds("forms", "forms-round", "forms-section");
    // Rows being keyed in stay when the cache is refreshed (a sync meanwhile).
    var r = formRound();
    if (!r || document.getElementById("form-rows").dataset.round !== String(r.id)) resetForms();
  }
  function resetForms() {
    var rows = document.getElementById("form-rows");
    var r = formRound();
    rows.textContent = "";
    rows.dataset.round = r ? String(r.id) : "";
    if (r) addForm();
  }
  function addForm() {
    var r = formRound();
    var rows = document.getElementById("form-rows");
    var n = rows.children.length + 1;
    var row = el("fieldset", null, "form-row");
    row.appendChild(el("legend", words.formRow + " " + n));
    var label = el("label", words.formNumber);
    label.htmlFor = "form-number-" + n;
    var number = el("input");
    number.id = label.htmlFor;
    number.type = "number";
    number.min = "1";
    number.required = true;
    number.inputMode = "numeric";
    number.name = "number";
    row.appendChild(label);
    row.appendChild(number);
    var chosen = el("fieldset", null, "form-choice");
    chosen.appendChild(el("legend", words.formChoice));
    r.options.forEach(function (o) {
      var option = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = o.key;
      option.appendChild(box);
      option.appendChild(document.createTextNode(" " + o.label));
      chosen.appendChild(option);
    });
    // No more ticks than the form allows (the server checks it too).
    chosen.addEventListener("change", function () {
      var full = chosen.querySelectorAll("input:checked").length >= r.most;
      chosen.querySelectorAll("input").forEach(function (box) { box.disabled = full && !box.checked; });
    });
    row.appendChild(chosen);
    rows.appendChild(row);
    return number;
  }

  function showQueue() {
    return all().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      document.getElementById("waiting-count").textContent = String(waiting.length);
      var notice = document.getElementById("unsent-notice");
      notice.hidden = !waiting.length;
      notice.textContent = waiting.length ? words.unsent.replace("__N__", waiting.length) : "";
      var list = document.getElementById("results");
      list.textContent = "";
      entries.sort(function (a, b) { return a.made < b.made ? -1 : 1; }).forEach(function (e) {
        if (e.state === "waiting") return;
        var item = el("li", null, e.state === "sent" ? "sent" : "conflict");
        var what = words[e.kind] || e.kind;
        item.appendChild(el("strong", what + ": " + (e.state === "sent" ? words.sent : words.conflict)));
        item.appendChild(el("p", e.answer.message || ""));
        if (e.answer.tracking_code) item.appendChild(el("p", words.code + ": " + e.answer.tracking_code, "tracking-code"));
        if (e.state !== "sent") {
          var button = el("button", words.discard, "link");
          button.type = "button";
          button.addEventListener("click", function () { drop(e.id).then(showQueue); });
          item.appendChild(button);
        }
        list.appendChild(item);
      });
    });
  }

  function refresh() {
    return fetch(root.dataset.dataUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) { forget(); throw new Error("signed-out"); }
        if (!response.ok) throw new Error("failed");
        return response.json();
      })
      .then(function (data) {
        if (snapshot && snapshot.user !== data.user) {
          return store("queue", "readwrite", function (s) { return s.clear(); }).then(function () { return data; });
        }
        return data;
      })
      .then(function (data) {
        data.at = Date.now();
        snapshot = data;
        return store("data", "readwrite", function (s) { return s.put(data, "snapshot"); });
      })
      .then(render);
  }

  function send() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    return refresh()
      .then(all)
      .then(function (entries) {
        // In the order they were made (the store keeps them by identifier): a box's
        // stubs before its ballots, as they were keyed in.
        var waiting = entries.filter(function (e) { return e.state === "waiting"; })
          .sort(function (a, b) { return a.made < b.made ? -1 : a.made > b.made ? 1 : 0; });
        if (!waiting.length) return null;
        return fetch(root.dataset.syncUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": snapshot.csrf },
          body: JSON.stringify({ entries: waiting.map(function (e) { return { id: e.id, kind: e.kind, data: e.data }; }) })
        }).then(function (response) {
          if (!response.ok) throw new Error("failed");
          return response.json();
        }).then(function (answer) {
          var byId = {};
          waiting.forEach(function (e) { byId[e.id] = e; });
          return Promise.all(answer.results.map(function (r) {
            var entry = byId[r.id];
            if (!entry) return null;
            entry.state = r.status === "ok" ? "sent" : "conflict";
            entry.answer = r;
            // What was keyed in of a secret round's paper leaves the phone once answered.
            if (entry.kind === "paper") entry.data = null;
            return put(entry);
          }));
        });
      })
      .catch(function (error) {
        document.getElementById("cached").textContent = error.message === "signed-out" ? words.signedOut : words.failed;
      })
      .then(function () { sending = false; return showQueue(); });
  }

  function today() {
    var now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function queue(kind, data) {
    var entry = { id: crypto.randomUUID(), kind: kind, data: data, state: "waiting", made: new Date().toISOString() };
    return put(entry).then(showQueue).then(send);
  }

  document.getElementById("meeting").addEventListener("change", renderMeeting);
  document.getElementById("meeting-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var m = meeting();
    if (!m) return;
    var counts = {};
    document.querySelectorAll("#counts input").forEach(function (input) { counts[input.dataset.key] = Number(input.value || 0); });
    var data = { matter: m.id, cluster: m.cluster, counts: counts };
    if (m.electorate === "households") {
      data.households = Array.prototype.map.call(document.querySelectorAll("#households input:checked"), function (i) { return Number(i.value); });
    } else {
      data.present = Number(document.getElementById("present").value || 0);
    }
    queue("meeting", data).then(renderMeeting);
  });
  document.getElementById("petition-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var village = form.village.selectedOptions[0];
    if (!village) return;
    queue("petition", {
      commune: village.dataset.commune,
      village: village.value,
      petition_kind: form.petition_kind.value,
      subject: form.subject.value,
      description: form.description.value,
      sender_name: form.sender_name.value,
      sender_contact: form.sender_contact.value,
      received_on: today()
    }).then(function () { form.reset(); });
  });
  function onSave(id, kind, read) {
    document.getElementById(id).addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      queue(kind, read(form)).then(function () { form.reset(); });
    });
  }
  onSave("visit-form", "visit", function (form) {
    return {
      session: Number(form.session.value),
      visitor: form.visitor.value,
      petition_kind: form.petition_kind.value,
      subject: form.subject.value,
      description: form.description.value,
      contact: form.contact.value
    };
  });
  /* A dialogue's questions: one row each, more added by "Thêm câu hỏi", all sent as
     one entry (the server records all of them, or none). */
  var questions = document.getElementById("questions");
  var firstQuestion = questions.querySelector(".question").cloneNode(true);
  document.getElementById("add-question").addEventListener("click", function () {
    var n = questions.querySelectorAll(".question").length + 1;
    var row = firstQuestion.cloneNode(true);
    row.querySelectorAll("[id]").forEach(function (node) { node.id += "-" + n; });
    row.querySelectorAll("label[for]").forEach(function (node) { node.htmlFor += "-" + n; });
    row.querySelector(".question-number").textContent = String(n);
    questions.appendChild(row);
    row.querySelector("textarea").focus();
  });
  onSave("dialogue-form", "dialogue", function (form) {
    var rows = Array.prototype.map.call(questions.querySelectorAll(".question"), function (row) {
      function value(name) { return row.querySelector("[name=" + name + "]").value; }
      var question = { text: value("text"), asker_name: value("asker_name"), answer: value("answer") };
      if (value("promise").trim()) {
        question.commitment = { text: value("promise"), owner_name: value("owner_name"), due_on: value("due_on") };
      }
      return question;
    });
    questions.querySelectorAll(".question + .question").forEach(function (row) { row.remove(); });
    return { meeting: Number(form.meeting.value), questions: rows };
  });
  document.getElementById("paper-round").addEventListener("change", renderPaper);
  onSave("stubs-form", "paper", function (form) {
    return { matter: paperRound().id, part: "stubs", codes: form.codes.value.split("\n") };
  });
  onSave("ballots-form", "paper", function (form) {
    var r = paperRound();
    var counts = {};
    form.querySelectorAll("#paper-counts input").forEach(function (input) { counts[input.dataset.key] = Number(input.value || 0); });
    var data = { matter: r.id, part: "ballots", cluster: r.boxes.length ? document.getElementById("paper-box").value : "", counts: counts, spoiled: Number(form.spoiled.value || 0) };
    if (r.seats) data.valid = Number(form.valid.value || 0);
    return data;
  });
  document.getElementById("forms-round").addEventListener("change", resetForms);
  document.getElementById("add-form").addEventListener("click", function () { addForm().focus(); });
  document.getElementById("forms-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var rows = Array.prototype.map.call(document.querySelectorAll("#form-rows .form-row"), function (row) {
      return {
        number: Number(row.querySelector("[name=number]").value),
        choice: Array.prototype.map.call(row.querySelectorAll(".form-choice input:checked"), function (box) { return box.value; })
      };
    });
    queue("paper", { matter: formRound().id, part: "forms", forms: rows }).then(resetForms);
  });
  onSave("finding-form", "finding", function (form) {
    return { plan: Number(form.plan.value), findings: form.findings.value, on: today() };
  });
  document.getElementById("send").addEventListener("click", send);
  window.addEventListener("online", function () { showNet(); send(); });
  window.addEventListener("offline", showNet);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.workerUrl, { scope: root.dataset.scope });
  }
  showNet();
  open()
    .then(function (opened) { db = opened; return store("data", "readonly", function (s) { return s.get("snapshot"); }); })
    .then(function (cached) { snapshot = cached || null; render(); return showQueue(); })
    .then(send);
})();
