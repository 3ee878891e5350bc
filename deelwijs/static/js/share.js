// The post check as you type (copying is in page.js). Everything also works without this file.
(function () {
  "use strict";
  const form = document.getElementById("share-form");
  if (form) {
    const text = document.getElementById("id_text");
    const live = document.getElementById("live-findings");
    const highlight = document.getElementById("highlight");
    const share = document.getElementById("share-button");
    const confirmField = document.getElementById("confirm-field");
    const suggestion = document.getElementById("suggestion").value;
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const labels = JSON.parse(document.getElementById("severity-labels").textContent);
    let timer = null;

    function escape(s) {
      return s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
    }
    function render(report) {
      let html = "";
      if (report.findings.length) {
        html += '<ul class="findings">';
        for (const f of report.findings) {
          html += '<li class="finding ' + f.severity + '"><strong>' + labels[f.severity] + ":</strong> " +
            escape(f.message) + "<br><small>" + escape(f.policy) + "</small>" +
            (f.lesson ? ' <a href="' + escape(f.lesson) + '">' + escape(labels.lesson) + "</a>" : "") + "</li>";
        }
        html += "</ul>";
      } else {
        html += '<p class="msg">' + escape(labels.clean) + "</p>";
      }
      if (report.nudges.length) {
        html += '<ul class="nudges">' + report.nudges.map((n) => "<li>" + escape(n) + "</li>").join("") + "</ul>";
      }
      live.innerHTML = html;
      // Mark each finding's span in a copy of the text under the editor.
      const value = text.value;
      const spans = report.findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
      let out = "", pos = 0;
      for (const f of spans) {
        if (f.start < pos) continue;
        out += escape(value.slice(pos, f.start)) + '<mark class="' + f.severity + '">' + escape(value.slice(f.start, f.end)) + "</mark>";
        pos = f.end;
      }
      highlight.innerHTML = spans.length ? out + escape(value.slice(pos)) : "";
      // A photo the photo check blocks keeps the button off whatever the text (data-photo-blocks).
      share.disabled = report.blocked || form.dataset.photoBlocks === "1";
      confirmField.hidden = !report.needs_confirmation;
    }
    function runCheck() {
      fetch(form.dataset.checkUrl, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
        body: JSON.stringify({text: text.value, network: form.dataset.network, item: form.dataset.item, suggestion: suggestion}),
      }).then((r) => (r.ok ? r.json() : null)).then((report) => report && render(report)).catch(() => {});
    }
    text.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(runCheck, 400);
    });
    runCheck();
  }
})();
