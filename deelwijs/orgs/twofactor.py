"""Two-step sign-in (TOTP): who needs it, setting up the app, and the operators' admin site that requires it."""

import base64
import io
import time

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .forms import TokenForm
from .roles import TWO_FACTOR_ROLES

SSO_SESSION_KEY = "deelwijs_sso"
# The secret of an enrolment this session started and has not confirmed yet.
ENROLMENT_SESSION_KEY = "deelwijs_totp_enrolment"
# Pages a person may open before the second step is done.
OPEN_PATHS = (
    "two_factor",
    "logout",
    "set_language",
    "sso_lookup",
    "sso_start",
    "sso_callback",
    "public_image",
    # What a browser fetches by itself to install the app and work offline; none of them shows anyone's data.
    "service_worker",
    "web_manifest",
    "offline",
)


def needs_two_factor(request):
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if user.is_staff or user.is_superuser:
        # Operators read every organisation in the admin site: always a device of their own, never waived.
        return True
    if user.organisation_id is None or not user.organisation.require_two_factor:
        return False
    if not user.roles & TWO_FACTOR_ROLES:
        return False
    # A sign-in through the organisation's identity provider already had its second factor there.
    return not request.session.get(SSO_SESSION_KEY)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_two_factor(request):
            match = request.resolver_match or _resolve(request.path_info)
            if match is None or match.url_name not in OPEN_PATHS and not request.path_info.startswith("/static/"):
                return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return mark_safe(buffer.getvalue().decode())


@login_required
def two_factor(request):
    """Enter the code of the authenticator app, or set the app up the first time."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return _enrol(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            return _verified(request, device)
        _wrong_code(form)
    return render(request, "orgs/two_factor.html", {"form": form, "setting_up": False})


def _enrol(request):
    """Set up the app with a secret of this session's own.

    The secret stays in the session until its code is confirmed; only then is a device stored. So someone else
    who knows the password, or another session, never sees this secret, and nothing unconfirmed is stored that
    could become valid later.
    """
    enrolment = request.session.get(ENROLMENT_SESSION_KEY)
    started = bool(enrolment) and enrolment.get("user") == request.user.pk
    if not started:
        # Unconfirmed devices are what the former flow left behind and shared between sessions.
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        enrolment = {"user": request.user.pk, "key": random_hex(20)}
        request.session[ENROLMENT_SESSION_KEY] = enrolment
    device = TOTPDevice(user=request.user, name="Deelwijs", key=enrolment["key"], confirmed=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if started and _confirm(device, form.cleaned_data["token"]):
            del request.session[ENROLMENT_SESSION_KEY]
            messages.success(request, _("Two-step sign-in is set up."))
            return _verified(request, device)
        _wrong_code(form)
    context = {
        "form": form,
        "setting_up": True,
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        "qr": _qr_svg(device.config_url),
    }
    return render(request, "orgs/two_factor.html", context)


@transaction.atomic
def _confirm(device, token):
    """Store the device when the token matches its key; False if it does not or another session confirmed first."""
    # One confirmation at a time per person: two sessions enrolling at once end with one device, not two.
    get_user_model().objects.select_for_update().get(pk=device.user_id)
    if TOTPDevice.objects.filter(user_id=device.user_id, confirmed=True).exists():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(token), device.tolerance):
        return False
    # As TOTPDevice.verify_token does: this code, and older ones, cannot be used again.
    device.last_t = totp.t()
    device.drift = totp.drift
    device.set_last_used_timestamp(commit=False)
    device.save()
    TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return True


def _wrong_code(form):
    form.add_error("token", _("This code is not right. Check the time on your phone and try the newest code."))


def _verified(request, device):
    otp_login(request, device)
    next_url = request.GET.get("next", "")
    return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "home")


class VerifiedAdminSite(AdminSite):
    """The operators' admin site: staff verified by their own device in this session, like django-otp's OTPAdminSite.

    Its sign-in is the normal one (with its lock-out and address limit); the middleware then sends an operator
    to the second step, where one without a device sets it up.
    """

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect(reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            # Signed in but no operator: refuse rather than send them to the sign-in page, which sends them back.
            raise PermissionDenied
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)
