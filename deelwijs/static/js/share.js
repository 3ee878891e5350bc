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
    const summary = document.getElementById("check-summary");
    const reason = document.getElementById("share-blocked-reason");
    const suggestion = document.getElementById("suggestion").value;
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const labels = JSON.parse(document.getElementById("severity-labels").textContent);
    let timer = null;
    // Answers can come back out of order (the check at load and the first typing): only the latest one counts.
    let asked = 0;

    function escape(s) {
      return s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
    }
    function render(report) {
      let html = "";
      if (report.findings.length) {
        // One item per policy line, as sharing/_findings.html does: the line and its lesson once per group.
        const groups = new Map();
        for (const f of report.findings) {
          const key = f.policy || f.rule;
          if (!groups.has(key)) groups.set(key, {severity: f.severity, policy: f.policy, lesson: "", findings: []});
          const group = groups.get(key);
          group.findings.push(f);
          group.lesson = group.lesson || f.lesson || "";
        }
        html += '<ul class="findings">';
        for (const group of groups.values()) {
          html += '<li class="finding ' + group.severity + '">';
          for (const f of group.findings) {
            html += "<p><strong>" + labels[f.severity] + ":</strong> " + escape(f.message) + "</p>";
          }
          if (group.policy || group.lesson) {
            html += '<p class="rule-line"><small>' + escape(group.policy) + "</small>" +
              (group.lesson ? ' <a href="' + escape(group.lesson) + '">' + escape(labels.lesson) + "</a>" : "") + "</p>";
          }
          html += "</li>";
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
      reason.hidden = !report.blocked;
      confirmField.hidden = !report.needs_confirmation;
      summary.hidden = !report.blocked && !report.needs_confirmation;
      summary.className = "check-summary " + (report.blocked ? "block" : "warn");
      summary.firstElementChild.textContent = report.blocked ? labels.summary_block : labels.summary_warn;
    }
    function runCheck() {
      const sent = text.value;
      const mine = ++asked;
      fetch(form.dataset.checkUrl, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
        body: JSON.stringify({text: sent, network: form.dataset.network, item: form.dataset.item, suggestion: suggestion}),
      }).then((r) => (r.ok ? r.json() : null)).then((report) => {
        if (!report || mine !== asked) return;  // a later answer is on its way, or came first
        render(report);
        // The server's count of this text, for the counter (preview.js): the check's count is the one that blocks.
        text.dispatchEvent(new CustomEvent("deelwijs:checked", {detail: {text: sent, length: report.length}}));
      }).catch(() => {});
    }
    text.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(runCheck, 400);
    });
    runCheck();
  }
})();
