// Keeps a copy of the post form in this browser as well as on the server, so that text
// typed while the connection is down comes back after a reload.
(function () {
  var form = document.getElementById("post-form");
  if (!form || !window.localStorage) return;
  var key = "belong-draft:" + form.dataset.draftKey;
  var serverSavedAt = parseInt(form.dataset.savedAt || "0", 10) * 1000;
  var status = document.getElementById("autosave-status");

  function snapshot() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      // A chosen photo cannot be kept here (nor put back): only what was typed is.
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") return;
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data) || el.type === "file") return;
      var values = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else {
        el.value = values[0];
      }
    });
  }

  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.savedAt > serverSavedAt + 1000) restore(kept.data);
  } catch (e) { localStorage.removeItem(key); }

  form.addEventListener("input", function () {
    localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), data: snapshot() }));
  });
  form.addEventListener("submit", function () { localStorage.removeItem(key); });
  document.body.addEventListener("htmx:sendError", function () {
    if (status) status.textContent = status.dataset.offline || "";
  });
})();
