// The page "Notifications on your phone" (deelwijs/push): switching this device on asks the browser's permission,
// subscribes with the server's VAPID public key and sends the subscription in the page's hidden form (with its
// CSRF token). Removing this device from the list also ends the browser's own subscription.
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  var form = document.querySelector("[data-push-form]");
  if (!box || !form) return;
  var status = box.querySelector("[data-push-status]");
  var button = box.querySelector("[data-push-on]");
  var say = function (name) { status.textContent = box.dataset[name]; };
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("unsupported");
    return;
  }
  // The key as the browser wants it: the bytes of the uncompressed point, from base64url.
  var serverKey = function () {
    var text = box.dataset.key.replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(text + "===".slice((text.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };
  var ready = navigator.serviceWorker.ready;
  var current = ready.then(function (registration) { return registration.pushManager.getSubscription(); });

  current.then(function (subscription) {
    var listed = false;
    document.querySelectorAll("[data-endpoint]").forEach(function (row) {
      if (subscription && row.dataset.endpoint === subscription.endpoint) {
        listed = true;
        row.querySelector("[data-this-device]").hidden = false;
      }
    });
    say(Notification.permission === "denied" ? "denied" : listed ? "on" : "off");
    button.hidden = Notification.permission === "denied";
  }).catch(function () { say("off"); button.hidden = false; });

  button.addEventListener("click", function () {
    button.disabled = true;
    say("asking");
    Promise.resolve(Notification.requestPermission()).then(function (permission) {
      if (permission !== "granted") {
        say("denied");
        return null;
      }
      return ready.then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey() });
      }).then(function (subscription) {
        var json = subscription.toJSON();
        form.elements.endpoint.value = json.endpoint;
        form.elements.p256dh.value = json.keys.p256dh;
        form.elements.auth.value = json.keys.auth;
        form.submit();
        return subscription;
      });
    }).catch(function () { say("failed"); }).then(function () { button.disabled = false; });
  });

  document.querySelectorAll("[data-endpoint] form").forEach(function (remove) {
    remove.addEventListener("submit", function (event) {
      var endpoint = remove.closest("[data-endpoint]").dataset.endpoint;
      event.preventDefault();
      current.then(function (subscription) {
        return subscription && subscription.endpoint === endpoint ? subscription.unsubscribe() : null;
      }).catch(function () {}).then(function () { remove.submit(); });
    });
  });
})();
