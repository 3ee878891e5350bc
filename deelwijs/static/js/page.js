// Small helpers every page may use, wired by data attributes because the Content-Security-Policy allows no
// inline scripts or event handlers. Every page also works without this file.
(function () {
  "use strict";
  // <button data-copy="ID" data-done="Copied" data-status="STATUS-ID">: copies the value of the element ID.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.status);
      var done = function () { if (status) status.textContent = button.dataset.done || "✓"; };
      source.select();
      if (navigator.clipboard) navigator.clipboard.writeText(source.value).then(done, function () { if (document.execCommand("copy")) done(); });
      else if (document.execCommand("copy")) done();
    });
  });
  // <a data-copy-first="BUTTON-ID">: copy the text before a network's share page opens (it takes only the link).
  document.querySelectorAll("[data-copy-first]").forEach(function (link) {
    link.addEventListener("click", function () { document.getElementById(link.dataset.copyFirst).click(); });
  });
  // <input data-select-on-focus>: a read-only link selected whole, ready to copy.
  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // <div data-error-summary tabindex="-1">: a form came back with errors. Focus goes to the summary, so a screen
  // reader reads what was wrong first; each of its links puts focus in the field and shows the field's label too.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.hash.slice(1));
        if (!field) return;
        event.preventDefault();
        var group = field.closest("fieldset");
        var label = group ? group.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
        (label || field).scrollIntoView();
        field.focus({ preventScroll: true });
      });
    });
  }
})();
