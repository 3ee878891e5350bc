"""Test speed and isolation settings, in one place."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("DEELWIJS_ENCRYPTION_KEYS", "ZGVlbHdpanMtdGVzdHMtb25seS1ub3QtYS1zZWNyZXQ=")  # tests only

from .settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CLICK_BUFFER_SECONDS = 0
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="deelwijs-media-")
EXPORT_ROOT = Path(tempfile.mkdtemp(prefix="deelwijs-exports-"))  # noqa: F405
# A VAPID key of this test run only (Web Push, deelwijs/push): nothing is kept, nothing is committed.
DEELWIJS_VAPID_PRIVATE_KEY = vapid_keys.generate_private_key()  # noqa: F405
# The tests' feed, Mastodon, Bluesky and OpenID servers run on this machine; tests/security/test_outbound.py
# empties this list to prove the refusal.
OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
