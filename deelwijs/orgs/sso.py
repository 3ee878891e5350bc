"""Single sign-on with OpenID Connect, configured per organisation.

Authorization code flow with PKCE, state and nonce; the ID token is checked
against the provider's published keys, issuer, audience and expiry. Only
people who already have an account (invited, or created by an administrator)
can sign in: the provider proves who someone is, Deelwijs decides their roles.
"""

import logging
import secrets

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from django.contrib import messages
from django.contrib.auth import login
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from deelwijs.common import outbound

from .forms import SignInForm, SSOLookupForm
from .models import Organisation, User
from .twofactor import SSO_SESSION_KEY

log = logging.getLogger(__name__)
SESSION_KEY = "deelwijs_sso_flow"
TIMEOUT = 10
MAX_BYTES = 1024 * 1024


class SSOError(Exception):
    pass


def discover(issuer):
    """The provider's metadata, cached for an hour."""
    key = f"oidc-metadata:{issuer}"
    metadata = cache.get(key)
    if metadata is None:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            metadata = outbound.fetch(url, max_bytes=MAX_BYTES, timeout=TIMEOUT).raise_for_status().json()
        except outbound.OutboundError as e:
            raise SSOError(f"discovery failed: {e}") from e
        if not isinstance(metadata, dict):
            raise SSOError("discovery failed: not a JSON object")
        cache.set(key, metadata, 3600)
    return metadata


def _client(org, request):
    # authlib's session is a requests.Session: the token call goes through the checked transport too.
    client = OAuth2Session(
        org.oidc_client_id,
        org.oidc_client_secret,
        scope="openid email profile",
        redirect_uri=request.build_absolute_uri(reverse("sso_callback")),
        code_challenge_method="S256",
    )
    return outbound.secure(client, max_bytes=MAX_BYTES, timeout=TIMEOUT)


def sso_lookup(request):
    """The organisation code from the sign-in page leads to that organisation's provider."""
    form = SSOLookupForm(request.GET)
    code = form.cleaned_data["code"].lower() if form.is_valid() else ""
    if code and Organisation.objects.filter(slug=code).exclude(oidc_issuer="").exists():
        return redirect("sso_start", slug=code)
    messages.error(request, _("No organisation with single sign-on has this code. Check the code on your intranet."))
    return redirect("login")


def sso_start(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    if not org.has_sso:
        messages.error(request, _("Single sign-on is not set up for this organisation."))
        return redirect("login")
    try:
        metadata = discover(org.oidc_issuer)
    except SSOError:
        messages.error(request, _("The sign-in service of your organisation cannot be reached. Try again later."))
        return redirect("login")
    verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
    url, state = _client(org, request).create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    request.session[SESSION_KEY] = {"org": org.pk, "state": state, "nonce": nonce, "verifier": verifier}
    return redirect(url)


def sso_callback(request):
    flow = request.session.pop(SESSION_KEY, None)
    if not flow or request.GET.get("state") != flow["state"] or "code" not in request.GET:
        messages.error(request, _("Signing in with your organisation account did not work. Please try again."))
        return redirect("login")
    org = get_object_or_404(Organisation, pk=flow["org"])
    try:
        email = _verified_email(org, request, flow)
    except SSOError as e:
        log.warning("sso sign-in failed for organisation %s: %s", org.pk, e)
        messages.error(request, _("Signing in with your organisation account did not work. Please try again."))
        return redirect("login")
    person = User.objects.filter(organisation=org, email__iexact=email).first()
    if person is not None and not person.is_active:
        messages.error(request, SignInForm.error_messages["closed"])
        return redirect("login")
    if person is None:
        messages.error(
            request, _("There is no Deelwijs account for this address yet. Ask your administrator for an invitation.")
        )
        return redirect("login")
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SSO_SESSION_KEY] = True
    return redirect("home")


def _verified_email(org, request, flow):
    metadata = discover(org.oidc_issuer)
    client = _client(org, request)
    try:
        token = client.fetch_token(
            metadata["token_endpoint"], code=request.GET["code"], code_verifier=flow["verifier"], timeout=TIMEOUT
        )
        keys = outbound.fetch(metadata["jwks_uri"], max_bytes=MAX_BYTES, timeout=TIMEOUT).raise_for_status().json()
        claims = jwt.decode(token["id_token"], KeySet.import_key_set(keys)).claims
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": metadata["issuer"]},
            aud={"essential": True, "value": org.oidc_client_id},
            nonce={"essential": True, "value": flow["nonce"]},
            exp={"essential": True},
        ).validate(claims)
    except (outbound.OutboundError, requests.RequestException, OAuthError, KeyError, ValueError, JoseError) as e:
        raise SSOError(type(e).__name__) from e
    return email_from(claims)


def email_from(claims):
    """The e-mail address the provider vouches for.

    A provider that says the address is not verified (email_verified false) is not
    believed: anyone could otherwise claim a colleague's address there. Providers that
    do not send the claim (Entra ID) vouch for their own accounts' addresses.
    """
    if str(claims.get("email_verified", True)).lower() in ("false", "0"):
        raise SSOError("unverified e-mail")
    email = claims.get("email") or claims.get("preferred_username")
    if not email or "@" not in email:
        raise SSOError("no e-mail claim")
    return email
