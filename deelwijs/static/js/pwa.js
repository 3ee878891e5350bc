// The installable app (deelwijs/push, docs/push.md), on every page: registers the service worker, tells it who is
// signed in (so it never shows one person the feed it kept for another), and the home page's hint to install.
// Every page works without this file.
(function () {
  "use strict";
  var body = document.body;
  // <header data-person="CODE">: the code of who is signed in (empty when nobody is), push.person_tag.
  var header = document.querySelector("[data-person]");
  var person = header ? header.dataset.person : "";
  if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
    navigator.serviceWorker.register(body.dataset.serviceWorker, { scope: "/" }).catch(function () {});
    navigator.serviceWorker.ready.then(function (registration) {
      var worker = navigator.serviceWorker.controller || registration.active;
      if (!worker) return;
      // A signed-out page (the sign-in page after signing out, or after a session ended): forget the kept feed.
      worker.postMessage(person ? { type: "person", person: person } : { type: "signed-out" });
    });
  }

  // <section data-install-hint>: shown unless Deelwijs runs installed already or the person closed it. Where the
  // browser offers installing (beforeinstallprompt) one button does it; elsewhere the hint's own steps stay.
  var hint = document.querySelector("[data-install-hint]");
  if (!hint) return;
  var KEY = "deelwijs-install-hint";
  var remembered = function () {
    try { return window.localStorage.getItem(KEY) === "closed"; } catch (error) { return false; }
  };
  var standalone = window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true;
  var hide = function () { hint.hidden = true; };
  if (standalone || remembered()) {
    hide();
    return;
  }
  var close = hint.querySelector("[data-install-close]");
  close.hidden = false;
  close.addEventListener("click", function () {
    try { window.localStorage.setItem(KEY, "closed"); } catch (error) { /* private mode: closed for this page */ }
    hide();
  });
  var install = hint.querySelector("[data-install-now]");
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    install.hidden = false;
    hint.querySelectorAll("[data-install-steps]").forEach(function (steps) { steps.hidden = true; });
    install.addEventListener("click", function () {
      event.prompt();
      event.userChoice.then(function (choice) { if (choice.outcome === "accepted") hide(); });
    }, { once: true });
  });
  window.addEventListener("appinstalled", hide);
})();
