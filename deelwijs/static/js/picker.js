// People pickers (deelwijs/orgs/pickers.py): the search box of <div data-picker="/mensen/zoeken/?doel=..."> suggests
// people as you type, as an ARIA combobox with a listbox (arrow keys, Enter to choose, Escape to close). Without
// this file the box still works: the form looks the typed name up when it is sent.
(function () {
  "use strict";
  var WAIT = 200; // ms after the last key before asking the server

  function enhance(picker) {
    var input = picker.querySelector("[data-picker-input]");
    var list = picker.querySelector("[role=listbox]");
    var status = picker.querySelector("[data-picker-status]");
    var chosen = picker.querySelector("[data-picker-chosen]");
    var multiple = picker.hasAttribute("data-multiple");
    var results = [], active = -1, timer = null, asked = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function say(text) { status.textContent = text || ""; }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(people) {
      results = people;
      list.textContent = "";
      people.forEach(function (person, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = person.name;
        var more = [person.detail, person.email].filter(Boolean).join(" · ");
        if (more) {
          var detail = document.createElement("span");
          detail.className = "picker-detail";
          detail.textContent = more;
          option.appendChild(document.createTextNode(" "));
          option.appendChild(detail);
        }
        // Keep the focus in the box: a click chooses without the box losing it first.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      active = -1;
      if (people.length) open(); else close();
    }

    function tick(person) {
      var id = input.id + "_" + person.id;
      var box = document.getElementById(id);
      if (!box) {
        var item = document.createElement("li");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = picker.querySelector("input[type=hidden]").name;
        box.value = person.id;
        box.id = id;
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = person.name;
        if (person.detail) {
          var detail = document.createElement("span");
          detail.className = "picker-detail";
          detail.textContent = person.detail;
          label.appendChild(document.createTextNode(" "));
          label.appendChild(detail);
        }
        item.appendChild(box);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(label);
        chosen.appendChild(item);
      }
      box.checked = true;
    }

    function choose(index) {
      var person = results[index];
      if (!person) return;
      if (multiple) {
        tick(person);
        input.value = "";
        say(picker.dataset.added.replace("{name}", person.name));
      } else {
        var value = picker.querySelector("[data-picker-value]");
        if (value.tagName === "SELECT") {
          // The candidates of a name that matched several: what was chosen here replaces them.
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = value.name;
          hidden.setAttribute("data-picker-value", "");
          var label = picker.querySelector("label[for='" + value.id + "']");
          if (label) label.remove();
          value.replaceWith(hidden);
          value = hidden;
        }
        value.value = person.id;
        input.value = person.name;
        say("");
      }
      results = [];
      close();
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) { show([]); say(""); return; }
      var mine = ++asked;
      fetch(picker.dataset.picker + "&q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        if (mine !== asked) return; // an older answer, overtaken by what was typed since
        show(data.results);
        var n = String(data.results.length);
        say(!data.results.length ? picker.dataset.none
          : (data.more ? picker.dataset.more : picker.dataset.count).replace("{n}", n));
      }).catch(function () {
        if (mine === asked) { show([]); say(picker.dataset.failed); }
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, WAIT);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { if (results.length) { open(); highlight(0); } else { search(); } }
        else highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        if (!list.hidden) { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      } else if (event.key === "Enter") {
        // With a suggestion highlighted, Enter chooses it; otherwise it sends the form, which looks the name up.
        if (!list.hidden && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-picker]").forEach(enhance);
})();
