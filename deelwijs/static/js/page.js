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
  // A table or picture wider than its box scrolls sideways; keyboard users must be able to scroll it too, so a box
  // that overflows takes focus and is named after its table's caption (WCAG 2.1.1). Checked again on resize.
  var scrollables = function () {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.tabIndex < 0) box.tabIndex = 0;
        box.setAttribute("role", "region");
        var section = box.closest("section");
        var name = box.querySelector("caption") || (section && section.querySelector("h2, h3")) || document.querySelector("h1");
        box.setAttribute("aria-label", name ? name.textContent.trim() : document.title);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  };
  scrollables();
  window.addEventListener("resize", scrollables);
  // <input data-photo-slot="N">: the description of the N-th photo chosen in the form's multiple file field. Only
  // the slots of chosen photos show (and those already filled in or with an error); each says which file it is for.
  document.querySelectorAll("input[type=file][multiple]").forEach(function (input) {
    var slots = input.form ? input.form.querySelectorAll("[data-photo-slot]") : [];
    if (!slots.length) return;
    var update = function () {
      slots.forEach(function (slot) {
        var n = Number(slot.dataset.photoSlot), file = input.files[n - 1];
        var box = slot.closest(".field");
        var keep = box.classList.contains("has-error") || (slot.type === "checkbox" ? slot.checked : slot.value);
        box.hidden = !file && !keep;
        var help = document.getElementById(slot.id + "_helptext");
        if (help) {
          help.dataset.text = help.dataset.text || help.textContent;
          help.textContent = file ? file.name + ": " + help.dataset.text : help.dataset.text;
        }
      });
    };
    input.addEventListener("change", update);
    update();
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
