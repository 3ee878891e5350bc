"""The installable app and Web Push in Debian's Chromium, on a phone-sized window.

Chromium installs the app when its manifest and service worker pass its own installability check (asked through
the DevTools protocol). Switching notifications on runs our page's script, the permission granted by the test.
Headless Chromium without internet has no route to a real push service (Google's), so the real
pushManager.subscribe() fails here; the first test shows our page says so in Dutch. The next test stubs only
PushManager.prototype.subscribe, to return a subscription whose endpoint is the test's own push service on
127.0.0.1 and whose keys the test made: the page's script, the form it posts, the server's checks and the stored
subscription are all real, and so is the push the server then sends, which the test's push service decrypts.
That decrypted message is handed to the service worker through the DevTools protocol (as a push service would)
and shows as a notification.
"""

import json
import time
from datetime import time as clock_time

import pytest

from deelwijs.push import domain
from deelwijs.push.delivery import public_key
from deelwijs.push.keys import b64url
from deelwijs.push.models import STORY, PushPreferences, PushSubscription
from tests.web import push_service

from .conftest import screenshot
from .screens import sign_in
from .test_newcomer import sign_out

PHONE = {"width": 375, "height": 812}
EMPLOYEE = "medewerker@lindehof.example"


@pytest.fixture
def service():
    running = push_service.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized browser context that allows notifications, as the person would when asked."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=live_server.url)
    context.grant_permissions(["notifications"], origin=live_server.url)
    yield context
    context.close()


def eventually(page, expression, seconds=10):
    """Evaluate an expression that may give a promise (page.evaluate awaits it) until it is true. Not
    wait_for_function: it evaluates a string inside the page, which our Content-Security-Policy refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(100)


def controlled(page):
    """Wait until the service worker is active and controls the page (a reload after its first install)."""
    eventually(page, "navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    eventually(page, "!!navigator.serviceWorker.controller")


# Installable
def test_the_app_installs_from_chromium_on_a_phone(phone, demo):
    page = phone.new_page()
    sign_in(page, EMPLOYEE)
    page.get_by_role("heading", name="Welkom, Kees").wait_for()
    controlled(page)
    cdp = phone.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest") and manifest["errors"] == []
    parsed = json.loads(manifest["data"])
    assert parsed["name"] == "Deelwijs" and parsed["display"] == "standalone" and parsed["start_url"] == "/"
    assert {icon["sizes"] for icon in parsed["icons"]} >= {"192x192", "512x512"}
    # Chromium's own check. A Playwright context is an incognito profile, which never installs anything, so that
    # one reason is the browser's, not ours; every other reason would be about Deelwijs.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    # The icons the manifest names are there.
    for icon in parsed["icons"]:
        assert page.request.get(icon["src"]).ok, icon["src"]
    hint = page.locator("[data-install-hint]")
    assert hint.is_visible() and page.get_by_role("button", name="Sluit deze tip").is_visible()
    screenshot(page, "install-hint-375")
    page.get_by_role("button", name="Sluit deze tip").click()
    assert not hint.is_visible()
    page.reload()
    assert not page.locator("[data-install-hint]").is_visible()  # closed on this browser


# Switching notifications on
def test_the_real_push_manager_has_no_push_service_here_and_the_page_says_so(phone, demo):
    page = phone.new_page()
    sign_in(page, EMPLOYEE)
    page.goto("/voorkeuren/telefoon/")
    controlled(page)
    status = page.locator("[data-push-status]")
    assert status.inner_text() == "Meldingen staan uit op dit apparaat."
    page.get_by_role("button", name="Zet meldingen aan op dit apparaat").click()
    # Chromium asks Google's push service for an endpoint: offline that fails, and the page tells the person.
    eventually(
        page,
        "document.querySelector('[data-push-status]').textContent.startsWith('Meldingen aanzetten is niet gelukt')",
        seconds=60,
    )
    assert not PushSubscription.objects.exists()


STUB = """
(() => {
  const subscription = {
    endpoint: %(endpoint)s,
    expirationTime: null,
    options: {},
    getKey() { return null; },
    toJSON() { return { endpoint: this.endpoint, expirationTime: null, keys: %(keys)s }; },
    unsubscribe() { return Promise.resolve(true); },
  };
  PushManager.prototype.subscribe = function (options) {
    // Kept across the page load that follows: which key the page subscribed with.
    sessionStorage.setItem("subscribedWith", JSON.stringify(Array.from(new Uint8Array(options.applicationServerKey))));
    return Promise.resolve(subscription);
  };
})();
"""


def test_switching_on_stores_the_subscription_and_a_push_arrives_and_shows(phone, demo, service, live_server):
    device = service.device()
    phone.add_init_script(
        STUB
        % {"endpoint": json.dumps(device.endpoint), "keys": json.dumps({"p256dh": device.p256dh, "auth": device.auth})}
    )
    page = phone.new_page()
    sign_in(page, EMPLOYEE)
    page.goto("/voorkeuren/telefoon/")
    controlled(page)
    page.get_by_role("button", name="Zet meldingen aan op dit apparaat").click()
    page.get_by_text("Meldingen staan aan op dit apparaat.").first.wait_for()
    stored = PushSubscription.objects.get()
    assert (stored.person.email, stored.endpoint, stored.p256dh, stored.auth) == (
        EMPLOYEE,
        device.endpoint,
        device.p256dh,
        device.auth,
    )
    assert stored.device == "Chrome op Linux"  # headless Chromium's own user agent
    # The page subscribed with the server's own public key.
    assert b64url(bytes(json.loads(page.evaluate("sessionStorage.getItem('subscribedWith')")))) == public_key()
    screenshot(page, "push-settings-375")

    # The server sends (at whatever hour the test runs: no quiet hours); the test's push service checks the
    # signature and decrypts.
    PushPreferences.objects.create(person=stored.person, quiet_start=clock_time(0), quiet_end=clock_time(0))
    domain.send(stored.person, STORY, "Jouw verhaal", "Communicatie heeft besloten.", "/verhalen/")
    (message,) = service.wait_for(1)
    assert message == {"title": "Jouw verhaal", "body": "Communicatie heeft besloten.", "url": "/verhalen/"}

    # What the push service would hand the browser: the service worker shows it as a notification.
    cdp = phone.new_cdp_session(page)
    registrations = {}
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.update({r["scopeURL"]: r["registrationId"] for r in event["registrations"]}),
    )
    cdp.send("ServiceWorker.enable")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    deadline = time.monotonic() + 10
    while scope not in registrations:  # the protocol's events arrive while the page is asked something
        assert time.monotonic() < deadline, "no service worker registration reported"
        page.wait_for_timeout(50)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server.url, "registrationId": registrations[scope], "data": json.dumps(message)},
    )
    eventually(page, "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length > 0)")
    shown = page.evaluate(
        "navigator.serviceWorker.ready.then(r => r.getNotifications())"
        ".then(n => n.map(x => ({title: x.title, body: x.body, url: x.data.url})))"
    )
    assert shown == [{"title": "Jouw verhaal", "body": "Communicatie heeft besloten.", "url": "/verhalen/"}]


# Offline, and signing out
def test_offline_the_last_feed_is_there_and_signing_out_clears_everything(phone, demo):
    page = phone.new_page()
    sign_in(page, EMPLOYEE)
    page.get_by_role("heading", name="Welkom, Kees").wait_for()
    controlled(page)
    page.goto("/delen/")
    feed_title = page.title()
    eventually(page, "caches.open('deelwijs-feed').then(c => c.match('/delen/')).then(r => !!r)")
    phone.set_offline(True)
    try:
        page.goto("/delen/")
        assert page.title() == feed_title  # the feed as last seen
        page.goto("/verhalen/")
        assert page.title() == "Geen verbinding · Deelwijs"  # any other page: never kept, the offline page
        screenshot(page, "offline-375")
    finally:
        phone.set_offline(False)
    page.goto("/")
    page.evaluate("localStorage.setItem('deelwijs-install-hint', 'closed')")
    sign_out(page)
    # Clear-Site-Data: the browser emptied the site's storage (this key too) and caches; the kept feed is gone.
    assert page.evaluate("localStorage.getItem('deelwijs-install-hint')") is None
    assert page.evaluate("caches.open('deelwijs-feed').then(c => c.match('/delen/')).then(r => r === undefined)")


def test_a_session_that_ended_by_itself_leaves_no_feed_for_the_next_person(phone, demo):
    page = phone.new_page()
    sign_in(page, EMPLOYEE)
    page.get_by_role("heading", name="Welkom, Kees").wait_for()
    controlled(page)
    page.goto("/delen/")
    eventually(page, "caches.open('deelwijs-feed').then(c => c.match('/delen/')).then(r => !!r)")
    phone.clear_cookies()  # the session is over, as after the idle timeout on a ward PC
    page.goto("/aanmelden/")
    # The signed-out page tells the service worker, which drops what it kept of the person before.
    eventually(page, "caches.open('deelwijs-feed').then(c => c.match('/delen/')).then(r => r === undefined)")
