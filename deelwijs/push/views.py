import hashlib
import json
import re
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from deelwijs.orgs.permissions import requires

from . import delivery, domain
from .forms import PushPreferencesForm, SubscriptionForm
from .models import TEST

NOT_CONFIGURED = gettext_lazy(
    "Notifications on your phone are not set up on this server yet: it needs a key pair (VAPID) first. "
    "The server's administrator can set it up; until then Deelwijs shows notifications in the app only."
)
# What the service worker keeps for a shaky connection: no personal data, fetched without the session cookie.
SHELL = [
    "css/deelwijs.css",
    "js/page.js",
    "js/picker.js",
    "js/pwa.js",
    "icons/deelwijs.svg",
    "icons/deelwijs-192.png",
]
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@requires()
def push_settings(request):
    """Meldingen op je telefoon: switch this device on, choose what comes and when, and see the devices."""
    person = request.user
    form = PushPreferencesForm(
        request.POST if request.method == "POST" else None, instance=delivery.preferences_of(person), person=person
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices for notifications are saved."))
        return redirect("push_settings")
    context = {
        "title": _("Notifications on your phone"),
        "form": form,
        "configured": delivery.configured(),
        "not_configured": NOT_CONFIGURED,
        "public_key": delivery.public_key(),
        "devices": list(person.push_subscriptions.all()),
        "subscription_form": SubscriptionForm(),
    }
    return render(request, "push/settings.html", context)


@require_POST
@requires()
def subscribe(request):
    """The subscription this browser's pushManager gave (static/js/push.js fills the form in and sends it)."""
    if not delivery.configured():
        messages.error(request, NOT_CONFIGURED)
        return redirect("push_settings")
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("push_settings")
    token = request.COOKIES.get(domain.DEVICE_COOKIE, "")
    if not TOKEN.match(token):
        token = domain.new_device_token()
    domain.subscribe(
        request.user,
        **form.cleaned_data,
        device=domain.device_label(request.headers.get("User-Agent")),
        key=domain.device_key(token),
    )
    messages.success(request, _("Notifications are on for this device."))
    response = redirect("push_settings")
    response.set_cookie(
        domain.DEVICE_COOKIE,
        token,
        max_age=domain.DEVICE_COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_POST
@requires()
def device_remove(request, pk):
    # Someone else's device, or one already gone, is not found: an address tells nobody whose device it is.
    if not domain.remove_device(request.user, pk):
        raise Http404
    messages.success(request, _("That device no longer receives notifications."))
    return redirect("push_settings")


@require_POST
@requires()
def test_push(request):
    """A notification to every device of the person at once, to see that it arrives."""
    if not request.user.push_subscriptions.exists():
        messages.error(request, _("Switch notifications on for a device first."))
        return redirect("push_settings")
    domain.send(
        request.user,
        TEST,
        "Deelwijs",
        _("This is what a notification from Deelwijs looks like."),
        reverse("push_settings"),
    )
    messages.success(request, _("A test notification is on its way to your devices."))
    return redirect("push_settings")


# For the browser itself: the service worker, the web app manifest and the page it shows when offline.
def _shell():
    return [static(name) for name in SHELL] + [reverse("offline")]


@cache
def _worker_source_hash():
    template = get_template("push/sw.js")
    return hashlib.sha256(template.template.source.encode()).hexdigest()


@require_safe
def service_worker(request):
    """The service worker at the site's root, so its scope is all of Deelwijs. Its version changes with the app
    shell's addresses (hashed in production) and its own code, so a new release replaces the old caches."""
    shell = _shell()
    version = hashlib.sha256(json.dumps([shell, _worker_source_hash()]).encode()).hexdigest()[:12]
    source = render_to_string(
        "push/sw.js",
        {
            "version": version,
            "shell": json.dumps(shell),
            "feed": json.dumps(reverse("feed")),
            "offline": json.dumps(reverse("offline")),
            "icon": json.dumps(static("icons/deelwijs-192.png")),
            "max_feed_age": settings.SESSION_MAX_HOURS * 3600 * 1000,
        },
    )
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@cache
def _manifest_source():
    with open(finders.find("manifest.webmanifest"), encoding="utf-8") as file:
        return json.load(file)


@require_safe
def web_manifest(request):
    """The web app manifest (static/manifest.webmanifest) with its icons' addresses as the static files have them."""
    manifest = dict(_manifest_source())
    manifest["id"] = "/"
    manifest["icons"] = [{**icon, "src": static(icon["src"])} for icon in manifest["icons"]]
    response = HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request):
    """What the service worker shows for a page it cannot fetch: kept in its cache, so it names nobody."""
    return render(request, "push/offline.html", {"feed": reverse("feed")})
