// The photo check beside a photo, and drawing a region to blur. Wired by data attributes (the
// Content-Security-Policy allows no inline script); without this file the page works too: the panel has a
// link that reloads it, and the region is typed in numbers.
(function () {
  "use strict";

  // <section data-photo-check="URL" data-status="pending">: ask the panel again every few seconds until the
  // check is done, then show what it found in its place.
  var WAIT = 2500, TRIES = 60;
  function poll(panel, tries) {
    if (tries <= 0) return;
    window.setTimeout(function () {
      fetch(panel.dataset.photoCheck, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-photo-check]");
          if (!fresh || fresh.dataset.status === "pending") { poll(panel, tries - 1); return; }
          // The section stays (it is the live region, so a screen reader hears what was found); its content and
          // status are the fresh panel's.
          panel.replaceChildren.apply(panel, Array.from(fresh.childNodes, function (node) {
            return document.importNode(node, true);
          }));
          panel.dataset.status = fresh.dataset.status;
        })
        .catch(function () { poll(panel, tries - 1); });
    }, WAIT);
  }
  document.querySelectorAll('[data-photo-check][data-status="pending"]').forEach(function (panel) { poll(panel, TRIES); });

  // <div data-blur-stage data-width="W" data-height="H"><img></div>: drag a rectangle on the photo; the region
  // fields (id_x, id_y, id_width, id_height) get it in pixels of the stored photo, and typing in them moves it.
  var stage = document.querySelector("[data-blur-stage]");
  if (!stage) return;
  var image = stage.querySelector("img");
  var fields = ["x", "y", "width", "height"].map(function (name) { return document.getElementById("id_" + name); });
  if (!image || fields.some(function (f) { return !f; })) return;
  var box = document.createElement("div");
  box.className = "blur-rect";
  box.hidden = true;
  stage.appendChild(box);
  var scale = function () { return Number(stage.dataset.width) / image.clientWidth; };
  var start = null;

  function point(event) {
    var rect = image.getBoundingClientRect();
    return {
      x: Math.min(Math.max(event.clientX - rect.left, 0), rect.width),
      y: Math.min(Math.max(event.clientY - rect.top, 0), rect.height)
    };
  }
  function show(left, top, width, height) {
    box.hidden = width < 2 || height < 2;
    box.style.left = left + "px";
    box.style.top = top + "px";
    box.style.width = width + "px";
    box.style.height = height + "px";
  }
  function drawn(a, b) {
    return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
  }
  stage.addEventListener("pointerdown", function (event) {
    start = point(event);
    stage.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  stage.addEventListener("pointermove", function (event) {
    if (!start) return;
    var r = drawn(start, point(event));
    show(r.left, r.top, r.width, r.height);
  });
  stage.addEventListener("pointerup", function (event) {
    if (!start) return;
    var r = drawn(start, point(event)), s = scale();
    start = null;
    if (r.width < 3 || r.height < 3) return;
    [r.left, r.top, r.width, r.height].forEach(function (value, i) { fields[i].value = Math.round(value * s); });
    show(r.left, r.top, r.width, r.height);
  });
  function fromFields() {
    var values = fields.map(function (f) { return Number(f.value); });
    if (fields.some(function (f) { return f.value === ""; }) || values.some(isNaN)) { box.hidden = true; return; }
    var s = scale();
    show(values[0] / s, values[1] / s, values[2] / s, values[3] / s);
  }
  fields.forEach(function (f) { f.addEventListener("input", fromFields); });
  window.addEventListener("resize", fromFields);
  if (image.complete) fromFields(); else image.addEventListener("load", fromFields);
})();
