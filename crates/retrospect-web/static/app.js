// Retrospect's small enhancements. Every page works without this file.
// 1. Live coach hints beside text areas while typing.
// 2. Upload progress for evidence.
// 3. Print and back buttons.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var csrf = main ? main.getAttribute("data-csrf") : "";
  var pmNode = document.querySelector("[data-pm]");
  var pmId = pmNode ? Number(pmNode.getAttribute("data-pm")) : null;

  function renderHints(box, findings) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!findings.length) return;
    var list = document.createElement("ul");
    list.className = "hints-list";
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "hint " + f.severity;
      var strong = document.createElement("strong");
      strong.textContent = "\u201c" + f.text + "\u201d";
      li.appendChild(strong);
      li.appendChild(document.createTextNode(": " + f.message));
      (f.suggestions || []).forEach(function (s) {
        li.appendChild(document.createElement("br"));
        var span = document.createElement("span");
        span.className = "suggestion";
        span.textContent = s.text;
        li.appendChild(span);
      });
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function watch(area) {
    var box = document.getElementById(area.getAttribute("aria-describedby"));
    if (!box) return;
    var timer = null, last = null;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = area.value;
        if (text === last) return;
        last = text;
        fetch("/api/v1/coach", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ text: text, section: area.getAttribute("data-coach"), postmortem: pmId })
        }).then(function (r) { return r.ok ? r.json() : null; })
          .then(function (body) { if (body && area.value === text) renderHints(box, body.findings); })
          .catch(function () { /* hints come back on save */ });
      }, 350);
    });
  }
  document.querySelectorAll("textarea[data-coach]").forEach(watch);

  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      event.preventDefault();
      var bar = form.querySelector("progress");
      var status = form.querySelector(".upload-status");
      var button = form.querySelector("button[type=submit]");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      bar.hidden = false;
      button.disabled = true;
      status.textContent = "Uploading\u2026";
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round((e.loaded / e.total) * 100);
          status.textContent = bar.value + "% uploaded";
        }
      });
      xhr.upload.addEventListener("load", function () { status.textContent = "Reading the file\u2026"; });
      xhr.addEventListener("load", function () {
        if (xhr.status < 400) {
          window.location.href = xhr.responseURL || window.location.href;
        } else {
          document.open(); document.write(xhr.responseText); document.close();
        }
      });
      xhr.addEventListener("error", function () {
        status.textContent = "The upload did not get through; please try again.";
        button.disabled = false;
      });
      xhr.send(new FormData(form));
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-back]").forEach(function (a) {
    a.setAttribute("href", "#");
    a.addEventListener("click", function (e) { e.preventDefault(); history.back(); });
  });
})();
