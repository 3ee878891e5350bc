"""The page "Meldingen op je telefoon", the installable app (service worker, manifest, offline page) and the keys."""

import json
import subprocess
import sys
from datetime import time
from io import StringIO
from pathlib import Path
from time import time as time_now

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.privacy import export
from deelwijs.push import delivery, domain, keys
from deelwijs.push.apps import check_vapid_key
from deelwijs.push.models import PushPreferences, PushSubscription

from ..conftest import make_person
from . import push_service

ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture
def service():
    running = push_service.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def subscribe(client, device, **extra):
    data = {"endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth, **extra}
    return client.post(reverse("push_subscribe"), data, headers={"user-agent": ANDROID})


def page(client, person):
    client.force_login(person)
    response = client.get(reverse("push_settings"))
    assert response.status_code == 200
    return response.content.decode()


# Who opens the page, and what it offers them
@pytest.mark.parametrize("role", ["employee", "volunteer", "client", "ambassador", "communications", "webcare"])
def test_everyone_has_the_page_with_the_servers_public_key(client, people, role):
    html = page(client, people[role])
    assert "<title>Meldingen op je telefoon · Deelwijs</title>" in html
    assert f'data-key="{delivery.public_key()}"' in html and 'action="/voorkeuren/telefoon/aanzetten/"' in html


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("push_settings"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "role, reminder, urgent",
    [("client", False, False), ("volunteer", False, False), ("employee", True, False), ("webcare", True, True)],
)
def test_each_person_chooses_only_the_kinds_that_can_reach_them(client, people, role, reminder, urgent):
    html = page(client, people[role])
    assert "Nieuwe items in mijn feed" in html and "Het besluit over mijn verhaal" in html
    assert ("Een herinnering voor een bericht" in html) is reminder
    assert ("Een dringend item in de webcare-inbox" in html) is urgent


def test_the_choices_are_saved(client, people):
    client.force_login(people["employee"])
    data = {"wants_feed": "on", "wants_reminder": "on", "quiet_start": "21:30", "quiet_end": "06:45", "daily_cap": "3"}
    response = client.post(reverse("push_settings"), data)
    assert response.status_code == 302
    saved = PushPreferences.objects.get(person=people["employee"])
    assert (saved.wants_feed, saved.wants_story, saved.wants_reminder) == (True, False, True)
    assert (saved.quiet_start, saved.quiet_end, saved.daily_cap) == (time(21, 30), time(6, 45), 3)
    assert "Je keuzes voor meldingen zijn bewaard." in client.get(reverse("push_settings")).content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("daily_cap", "0", "Vul een getal in van 1 tot en met 20."),
        ("daily_cap", "21", "Vul een getal in van 1 tot en met 20."),
        ("daily_cap", "veel", "Vul een getal in van 1 tot en met 20."),
        ("quiet_start", "25:00", "Vul een tijd in, zoals 22:00."),
        ("quiet_end", "", "Vul een tijd in, zoals 22:00."),
    ],
)
def test_a_wrong_value_gets_a_dutch_message_and_keeps_what_was_typed(client, people, field, value, message):
    client.force_login(people["employee"])
    data = {"quiet_start": "22:00", "quiet_end": "07:00", "daily_cap": "5", field: value}
    response = client.post(reverse("push_settings"), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html and f'value="{value}"' in html
    assert not PushPreferences.objects.exists()


# Switching a device on
def test_switching_on_stores_the_device_with_a_label_and_a_device_cookie(client, people, service):
    client.force_login(people["employee"])
    device = service.device()
    response = subscribe(client, device)
    assert response.status_code == 302 and response.url == reverse("push_settings")
    stored = PushSubscription.objects.get()
    assert (stored.person, stored.endpoint, stored.p256dh, stored.auth) == (
        people["employee"],
        device.endpoint,
        device.p256dh,
        device.auth,
    )
    assert stored.device == "Chrome op Android"
    cookie = response.cookies[domain.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 300 * 24 * 3600
    assert stored.device_key == domain.device_key(cookie.value)  # only its hash is kept
    html = client.get(reverse("push_settings")).content.decode()
    assert "Meldingen staan aan op dit apparaat." in html and f'data-endpoint="{device.endpoint}"' in html


def test_the_same_browser_keeps_its_device_cookie(client, people, service):
    client.force_login(people["employee"])
    first = subscribe(client, service.device()).cookies[domain.DEVICE_COOKIE].value
    second = subscribe(client, service.device()).cookies[domain.DEVICE_COOKIE].value
    assert first == second and len(set(PushSubscription.objects.values_list("device_key", flat=True))) == 1


@pytest.mark.parametrize(
    "field, value",
    [
        ("endpoint", ""),
        ("endpoint", "javascript:alert(1)"),
        ("endpoint", "ftp://push.example/1"),
        ("endpoint", "https://"),
        ("endpoint", "https://push.example:port/1"),
        ("p256dh", "bm90IGEga2V5"),
        ("p256dh", "BAAA" + "A" * 83),  # 65 bytes, but not a point on the curve
        ("p256dh", "!!!"),
        ("auth", "c2hvcnQ"),
    ],
)
def test_a_subscription_that_cannot_be_used_is_refused_in_dutch(client, people, service, field, value):
    client.force_login(people["employee"])
    response = subscribe(client, service.device(), **{field: value})
    assert response.status_code == 302 and not PushSubscription.objects.exists()
    html = client.get(reverse("push_settings")).content.decode()
    assert "Deze browser gaf een adres voor meldingen dat Deelwijs niet kan gebruiken." in html


def test_text_no_database_can_store_is_refused(client, people, service):
    client.force_login(people["employee"])
    response = subscribe(client, service.device(), auth="\x00")
    assert response.status_code == 302 and not PushSubscription.objects.exists()


def test_plain_http_is_only_for_a_host_the_installation_names(client, people, service, settings):
    client.force_login(people["employee"])
    settings.OUTBOUND_ALLOWED_HOSTS = []
    subscribe(client, service.device())
    assert not PushSubscription.objects.exists()
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    subscribe(client, service.device())
    assert PushSubscription.objects.count() == 1


def test_switching_on_is_a_post(client, people):
    client.force_login(people["employee"])
    assert client.get(reverse("push_subscribe")).status_code == 405


def test_without_keys_the_page_explains_and_nothing_can_be_switched_on(client, people, service, settings):
    settings.DEELWIJS_VAPID_PRIVATE_KEY = ""
    html = page(client, people["employee"])
    assert "Meldingen op je telefoon zijn op deze server nog niet ingesteld" in html and "data-push-form" not in html
    subscribe(client, service.device())
    assert not PushSubscription.objects.exists()


# The list of devices
def test_the_list_shows_only_the_persons_own_devices_in_the_same_queries_for_one_or_three(
    client, people, service, django_assert_num_queries
):
    colleague = service.device()
    domain.subscribe(people["ambassador"], colleague.endpoint, colleague.p256dh, colleague.auth, device="Firefox")
    counts = []
    for n in (1, 3):
        PushSubscription.objects.filter(person=people["employee"]).delete()
        for _ in range(n):
            device = service.device()
            domain.subscribe(
                people["employee"], device.endpoint, device.p256dh, device.auth, device="Chrome op Android"
            )
        client.force_login(people["employee"])
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("push_settings")).content.decode()
        counts.append(len(queries))
        assert html.count("<strong>Chrome op Android</strong>") == n and colleague.endpoint not in html
    assert counts[0] == counts[1]


def test_removing_a_device_of_ones_own(client, people, service):
    device = service.device()
    stored = domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth)
    client.force_login(people["employee"])
    response = client.post(reverse("push_device_remove", args=[stored.pk]))
    assert response.status_code == 302 and not PushSubscription.objects.exists()


@pytest.mark.parametrize("whose", ["colleague", "other organisation"])
def test_someone_elses_device_is_not_found(client, people, service, outsider, whose):
    owner = people["ambassador"] if whose == "colleague" else outsider
    device = service.device()
    stored = domain.subscribe(owner, device.endpoint, device.p256dh, device.auth)
    client.force_login(people["employee"])
    assert client.post(reverse("push_device_remove", args=[stored.pk])).status_code == 404
    assert PushSubscription.objects.filter(pk=stored.pk).exists()


def test_removing_is_a_post_and_needs_signing_in(client, people, service):
    device = service.device()
    stored = domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth)
    url = reverse("push_device_remove", args=[stored.pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(people["employee"])
    assert client.get(url).status_code == 405 and PushSubscription.objects.exists()


def test_a_test_notification_arrives_at_once(client, people, service):
    device = service.device()
    domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth)
    PushPreferences.objects.create(person=people["employee"], daily_cap=1, quiet_start=time(0), quiet_end=time(23, 59))
    client.force_login(people["employee"])
    response = client.post(reverse("push_test"))
    assert response.status_code == 302
    (message,) = service.messages(device)
    assert message == {
        "title": "Deelwijs",
        "body": "Zo ziet een melding van Deelwijs eruit.",
        "url": reverse("push_settings"),
    }


def test_a_test_notification_without_a_device_says_what_to_do(client, people, service):
    client.force_login(people["employee"])
    client.post(reverse("push_test"))
    assert "Zet eerst meldingen aan op een apparaat." in client.get(reverse("push_settings")).content.decode()


def test_a_person_of_another_organisation_sees_nothing_of_ours(client, people, service, outsider):
    device = service.device()
    domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth, device="Telefoon van Employee")
    html = page(client, outsider)
    assert "Telefoon van Employee" not in html and device.endpoint not in html


# The installable app
def test_every_page_links_the_manifest_and_names_the_service_worker_and_who_is_signed_in(client, people):
    client.force_login(people["employee"])
    mine = client.get(reverse("home")).content.decode()
    client.force_login(people["ambassador"])
    theirs = client.get(reverse("home")).content.decode()
    client.logout()
    signed_out = client.get(reverse("login")).content.decode()
    for html in (mine, theirs, signed_out):
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert 'data-service-worker="/sw.js"' in html and "/static/js/pwa.js" in html

    def tag(html):
        return html.split('data-person="', 1)[1].split('"', 1)[0]

    assert tag(mine) and tag(theirs) and tag(mine) != tag(theirs) and tag(signed_out) == ""
    assert str(people["employee"].pk) != tag(mine)


def test_the_manifest_makes_the_app_installable(client, db):
    response = client.get(reverse("web_manifest"))
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Deelwijs" and manifest["lang"] == "nl" and manifest["id"] == "/"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5cad" and manifest["description"]
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for src in icons.values():
        assert src.startswith("/static/icons/") and finders.find(src.removeprefix("/static/")), src


def test_the_service_worker_is_served_from_the_root_as_javascript(client, db):
    response = client.get(reverse("service_worker"))
    source = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache" and reverse("service_worker") == "/sw.js"
    assert '"/static/css/deelwijs.css"' in source and '"/offline/"' in source and 'const FEED = "/delen/";' in source
    assert "{{" not in source and "{%" not in source
    assert "worker-src 'self'" in response["Content-Security-Policy"]
    # Its version follows what it keeps, so a new release replaces the old caches.
    assert client.get(reverse("service_worker")).content == response.content


def test_the_offline_page_names_nobody_also_when_signed_in(client, people):
    client.force_login(people["employee"])
    response = client.get(reverse("offline"))
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Geen verbinding · Deelwijs</title>" in html
    assert people["employee"].first_name not in html and "Zorggroep Test" not in html
    assert "csrfmiddlewaretoken" not in html and 'href="/delen/"' in html


def test_what_the_browser_fetches_by_itself_keeps_no_session_alive(client, people, org):
    client.force_login(people["employee"])
    session = client.session
    session["deelwijs_last_seen"] -= 3600
    session.save()
    before = client.session["deelwijs_last_seen"]
    for name in ("service_worker", "web_manifest", "offline"):
        assert client.get(reverse(name)).status_code == 200
    assert client.session["deelwijs_last_seen"] == before


def test_the_home_page_hints_at_installing_and_can_be_closed(client, people):
    client.force_login(people["employee"])
    html = client.get(reverse("home")).content.decode()
    hint = html[html.index("data-install-hint") : html.index("</section>", html.index("data-install-hint"))]
    assert "Zet Deelwijs op je telefoon" in hint and "Zet op beginscherm" in hint
    assert "data-install-now hidden" in hint and "data-install-close hidden" in hint
    assert reverse("push_settings") in hint and "Kies wat er op je telefoon komt" in hint


# The VAPID keys
def test_the_command_prints_a_key_pair_that_signs():
    out = StringIO()
    call_command("vapid_keys", stdout=out)
    private = out.getvalue().split("DEELWIJS_VAPID_PRIVATE_KEY=", 1)[1].split()[0]
    public = out.getvalue().split("public key (derived, for reference): ", 1)[1].split()[0]
    assert keys.public_key(private) == public
    claims = {"sub": "mailto:beheer@zorg.example", "aud": "https://push.example", "exp": int(time_now()) + 600}
    header = keys.vapid(private).sign(claims)["Authorization"]
    assert push_service.verify_vapid(header, "https://push.example") == (claims, public)


def test_a_key_that_is_no_key_fails_the_system_check(settings):
    settings.DEELWIJS_VAPID_PRIVATE_KEY = "geen-sleutel"
    assert [error.id for error in check_vapid_key(None)] == ["push.E001"]
    settings.DEELWIJS_VAPID_PRIVATE_KEY = ""
    assert check_vapid_key(None) == []


def test_processes_starting_at_once_share_one_development_key(tmp_path):
    target = tmp_path / "var" / "vapid-development.key"
    script = (
        "import sys, multiprocessing as mp\n"
        "from deelwijs.push.keys import development_key\n"
        "def one(path): return development_key(path)\n"
        "if __name__ == '__main__':\n"
        "    with mp.get_context('fork').Pool(6) as pool:\n"
        "        print('\\n'.join(pool.map(one, [sys.argv[1]] * 24)))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = set(done.stdout.split())
    assert len(found) == 1 and found == {target.read_text().strip()}
    assert keys.public_key(found.pop()) and oct(target.stat().st_mode)[-3:] == "600"
    assert [p.name for p in target.parent.iterdir()] == ["vapid-development.key"]  # no drafts left behind


def test_a_person_made_later_gets_the_defaults(org):
    person = make_person(org, "employee", email="nieuw@test.test")
    defaults = delivery.preferences_of(person)
    assert (defaults.quiet_start, defaults.quiet_end, defaults.daily_cap) == (time(22), time(7), 5)
    assert defaults.pk is None


# Privacy: the person's export, the processing register
def test_the_export_holds_devices_and_choices_but_never_the_address_or_the_keys(people, service, org):
    device = service.device()
    domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth, device="Chrome op Android")
    PushPreferences.objects.create(person=people["employee"], wants_feed=False, daily_cap=2)
    with organisation_scope(org):
        data = export._push(people["employee"], None, export.Notes())
    assert data["devices"][0]["device"] == "Chrome op Android" and data["devices"][0]["push_service"] == "127.0.0.1"
    assert "feed" not in data["kinds"] and "story" in data["kinds"] and data["daily_cap"] == 2
    assert data["quiet_hours"] == {"from": time(22), "until": time(7)}
    written = json.dumps(data, default=str)
    assert device.endpoint not in written and device.p256dh not in written and device.auth not in written


def test_the_processing_register_names_the_push_services_in_use(client, people, service):
    client.force_login(people["administrator"])
    assert "De pushdiensten van de browsers" not in client.get(reverse("processing_register")).content.decode()
    device = service.device()
    domain.subscribe(people["employee"], device.endpoint, device.p256dh, device.auth)
    html = client.get(reverse("processing_register")).content.decode()
    assert "De pushdiensten van de browsers" in html and "127.0.0.1" in html
