// The post check as you type, beside any text box marked data-live-check (the story form, the register of
// conversations); the share editor has its own (share.js). Without this file the check runs when the form is sent.
//
// <textarea data-live-check="/api/check/"   the check endpoint
//   data-purpose="post|record"              a post, or a record that may hold no client data (only those findings)
//   data-network="linkedin"                 the network to check for, or
//   data-network-field="networks"           the first ticked checkbox of that name (not e-mail), else LinkedIn
//   data-replaces="ID"                      the findings the server showed, hidden once the live ones are there
//   data-labels='{"block": "Blokkeert", ...}'>
(function () {
  "use strict";
  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  document.querySelectorAll("textarea[data-live-check]").forEach(function (text) {
    var form = text.form;
    var csrf = form && form.querySelector("[name=csrfmiddlewaretoken]");
    if (!csrf) return;
    var labels = JSON.parse(text.dataset.labels || "{}");
    var out = document.createElement("div");
    out.id = text.id + "-findings";
    out.className = "live-findings";
    out.setAttribute("aria-live", "polite");
    (text.closest(".field") || text.parentNode).appendChild(out);
    text.setAttribute("aria-describedby", ((text.getAttribute("aria-describedby") || "") + " " + out.id).trim());
    var timer = null;
    var last = null;
    var asked = 0; // answers can come back out of order: only the latest one is shown

    function network() {
      var name = text.dataset.networkField;
      if (name) {
        var ticked = form.querySelectorAll('input[name="' + name + '"]:checked');
        for (var i = 0; i < ticked.length; i++) {
          if (ticked[i].value !== "email") return ticked[i].value;
        }
      }
      return text.dataset.network || "linkedin";
    }
    function render(report) {
      var html = "";
      if (report.findings.length) {
        html += '<ul class="findings">';
        report.findings.forEach(function (f) {
          html += '<li class="finding ' + escape(f.severity) + '"><strong>' + escape(labels[f.severity] || f.severity) +
            ":</strong> " + escape(f.message) + (f.policy ? "<br><small>" + escape(f.policy) + "</small>" : "") +
            (f.lesson ? ' <a href="' + escape(f.lesson) + '">' + escape(labels.lesson || "") + "</a>" : "") + "</li>";
        });
        html += "</ul>";
      } else if (text.value.trim() && text.dataset.purpose !== "record") {
        html = '<p class="msg">' + escape(labels.clean || "") + "</p>";
      }
      out.innerHTML = html;
      var replaced = text.dataset.replaces && document.getElementById(text.dataset.replaces);
      if (replaced) replaced.hidden = true;
    }
    function run() {
      var body = JSON.stringify({text: text.value, network: network(), purpose: text.dataset.purpose || "post"});
      if (body === last) return;
      last = body;
      var mine = ++asked;
      fetch(text.dataset.liveCheck, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf.value},
        body: body,
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (report) {
        if (report && mine === asked) render(report);
      }).catch(function () {});
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, 400);
    }
    text.addEventListener("input", later);
    if (text.dataset.networkField) {
      form.querySelectorAll('input[name="' + text.dataset.networkField + '"]').forEach(function (box) {
        box.addEventListener("change", later);
      });
    }
    if (text.value.trim()) run();
  });
})();
