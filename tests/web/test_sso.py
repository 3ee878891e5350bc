"""Single sign-on against a real OpenID Connect provider started on 127.0.0.1 by the test."""

import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.urls import reverse

from tests.conftest import make_person

CLIENT_ID, CLIENT_SECRET = "deelwijs-test", "geheim-voor-de-test-123"
CALLBACK = "http://testserver/aanmelden/sso/terug/"
ROOT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    port = free_port()
    env = {"OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("oidc") / "provider.sqlite3"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.serve",
            str(port),
            CLIENT_ID,
            CLIENT_SECRET,
            CALLBACK,
            "sso@test.test",
            "provider-wachtwoord",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        yield f"http://127.0.0.1:{port}/o"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def sso_org(org, provider):
    org.oidc_issuer, org.oidc_client_id, org.oidc_client_secret = provider, CLIENT_ID, CLIENT_SECRET
    org.require_two_factor = True
    org.save()
    return org


def provider_session(issuer):
    """A browser session signed in at the provider."""
    session = requests.Session()
    login_url = issuer.rsplit("/o", 1)[0] + "/login/"
    session.get(login_url, timeout=10)
    session.post(
        login_url,
        data={
            "username": "sso@test.test",
            "password": "provider-wachtwoord",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login_url},
        timeout=10,
    )
    return session


def run_flow(client, sso_org):
    start = client.get(reverse("sso_start", kwargs={"slug": sso_org.slug}))
    assert start.status_code == 302 and start.url.startswith(sso_org.oidc_issuer + "/authorize/")
    query = parse_qs(urlparse(start.url).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"]
    answer = provider_session(sso_org.oidc_issuer).get(start.url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302 and answer.headers["Location"].startswith(CALLBACK)
    callback = urlparse(answer.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_known_person_signs_in_with_the_organisations_provider(client, sso_org):
    person = make_person(sso_org, "communications", email="SSO@test.test")
    response = run_flow(client, sso_org)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == person
    # the provider did the second step: no TOTP asked of communications
    assert client.get(reverse("account_list")).status_code == 200


def test_an_unknown_person_is_not_let_in(client, sso_org):
    response = run_flow(client, sso_org)
    assert response.url == reverse("login")
    assert "uitnodiging" in client.get(reverse("login")).content.decode()
    assert "_auth_user_id" not in client.session


def test_a_closed_account_is_not_let_in_and_told_why(client, sso_org):
    from deelwijs.orgs import domain

    make_person(sso_org, "administrator", email="beheer@test.test")
    person = make_person(sso_org, "employee", email="sso@test.test")
    domain.close_account(None, person)
    response = run_flow(client, sso_org)
    assert response.url == reverse("login") and "_auth_user_id" not in client.session
    assert "Je account is gesloten" in client.get(reverse("login")).content.decode()


def test_a_forged_state_is_refused(client, sso_org):
    make_person(sso_org, "employee", email="sso@test.test")
    client.get(reverse("sso_start", kwargs={"slug": sso_org.slug}))
    response = client.get(reverse("sso_callback") + "?code=abc&state=vervalst")
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_a_wrong_client_secret_fails_cleanly(client, sso_org):
    make_person(sso_org, "employee", email="sso@test.test")
    sso_org.oidc_client_secret = "fout"
    sso_org.save()
    response = run_flow(client, sso_org)
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_an_unreachable_provider_gives_a_message(client, org):
    org.oidc_issuer, org.oidc_client_id, org.oidc_client_secret = f"http://127.0.0.1:{free_port()}/o", "x", "y"
    org.save()
    response = client.get(reverse("sso_start", kwargs={"slug": org.slug}))
    assert response.url == reverse("login")


def test_the_organisation_code_leads_to_its_provider(client, sso_org):
    assert client.get(reverse("sso_lookup") + "?code=TEST").url == reverse("sso_start", kwargs={"slug": "test"})
    assert client.get(reverse("sso_lookup") + "?code=onbekend").url == reverse("login")


@pytest.mark.parametrize(
    "claims, email",
    [
        ({"email": "a@zorg.test", "email_verified": True}, "a@zorg.test"),
        ({"email": "a@zorg.test"}, "a@zorg.test"),  # Entra ID sends no email_verified
        ({"preferred_username": "b@zorg.test"}, "b@zorg.test"),
        ({"email": "a@zorg.test", "email_verified": False}, None),
        ({"email": "a@zorg.test", "email_verified": "false"}, None),
        ({"name": "Geen adres"}, None),
    ],
)
def test_only_an_email_the_provider_vouches_for_signs_in(claims, email):
    from deelwijs.orgs.sso import SSOError, email_from

    if email is None:
        with pytest.raises(SSOError):
            email_from(claims)
    else:
        assert email_from(claims) == email
