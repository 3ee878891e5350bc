"""Two-factor sign-in (TOTP) for the roles that need it."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm
from .roles import TWO_FACTOR_ROLES

SSO_SESSION_KEY = "deelwijs_sso"
# Pages a person may open before the second step is done.
OPEN_PATHS = ("two_factor", "logout", "set_language", "sso_lookup", "sso_start", "sso_callback")


def needs_two_factor(request):
    user = request.user
    if not user.is_authenticated or user.organisation_id is None:
        return False
    if not user.organisation.require_two_factor or not (user.roles & TWO_FACTOR_ROLES):
        return False
    # A sign-in through the organisation's identity provider already had its second factor there.
    return not (user.is_verified() or request.session.get(SSO_SESSION_KEY))


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
    """Set up the authenticator app (first time) or enter its code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
            user=request.user, name="Deelwijs", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                messages.success(request, _("Two-step sign-in is set up."))
            otp_login(request, device)
            next_url = request.GET.get("next", "")
            return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "home")
        form.add_error("token", _("This code is not right. Check the time on your phone and try the newest code."))
    context = {"form": form, "setting_up": setting_up}
    if setting_up:
        context["secret"] = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["qr"] = _qr_svg(device.config_url)
    return render(request, "orgs/two_factor.html", context)
