"""Browser defences: the Permissions-Policy header, and cookies that are Secure and HttpOnly in production."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_switches_off_the_features_no_page_needs(client, people):
    for response in (client.get(reverse("login")), client.get("/bestaat-niet/")):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_mastodon_server_cookie_is_not_readable_by_scripts(client, people, org):
    from tests.web.test_content import make_item

    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Mooi nieuws van ons team! Ik werk er met plezier."
    response = client.post(
        reverse("share", kwargs={"pk": item.pk}),
        {"network": "mastodon", "text": text, "action": "share", "mastodon_instance": "mastodon.nl"},
    )
    cookie = response.cookies["deelwijs_mastodon"]
    assert cookie.value == "mastodon.nl" and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_in_production_every_cookie_is_secure(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "deelwijs.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    code = (
        "from deelwijs.config import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_HTTPONLY)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["True"] * 5, result.stderr


def test_every_page_sends_a_strict_content_security_policy(client, people):
    client.force_login(people["communications"])
    for response in (client.get(reverse("login")), client.get(reverse("feed")), client.get("/bestaat-niet/")):
        policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
        assert policy["default-src"] == "'none'"
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]


# Inline code the policy would block: a <script> with a body, an on...= handler, a style attribute or element.
# The quarterly report's PDF template is read by WeasyPrint only, never by a browser.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>\s*\S|\son[a-z]+\s*=|\sstyle\s*=|<style")
NOT_FOR_BROWSERS = {"insight/report_pdf.html"}


def test_no_template_holds_code_the_policy_would_block():
    templates = ROOT / "deelwijs" / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if str(path.relative_to(templates)) not in NOT_FOR_BROWSERS and INLINE.search(path.read_text())
    ]
    assert offenders == []


def test_the_pattern_finds_inline_code():
    for html in ("<script>alert(1)</script>", '<a onclick="x()">', '<p style="color:red">', "<style>p{}</style>"):
        assert INLINE.search(html), html
    allowed = ('<script src="/static/js/page.js" defer></script>', '<script id="x" type="application/json">{}</script>')
    for html in allowed:
        assert not INLINE.search(html), html
