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
  // <input data-shown-when="frequency:weekly monthly_weekday">: the field is shown only while the form's field
  // "frequency" has one of those values (a form that shows only what the chosen option needs).
  document.querySelectorAll("[data-shown-when]").forEach(function (input) {
    var rule = input.dataset.shownWhen.split(":");
    var field = input.closest(".field") || input;
    var choice = input.form && input.form.elements[rule[0]];
    if (!choice) return;
    var wanted = rule[1].split(" ");
    var update = function () { field.hidden = wanted.indexOf(choice.value) < 0; };
    choice.addEventListener("change", update);
    update();
  });
  // <details data-menu-more>: the phone menu's "Meer" closes on Escape (focus back on it) and on a tap elsewhere.
  document.querySelectorAll("[data-menu-more]").forEach(function (more) {
    more.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && more.open) { more.open = false; more.querySelector("summary").focus(); }
    });
    document.addEventListener("click", function (event) {
      if (more.open && !more.contains(event.target)) more.open = false;
    });
  });
})();
