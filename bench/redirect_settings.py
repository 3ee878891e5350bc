"""Settings for the redirect benchmark: production settings plus a bare view to compare with."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from deelwijs.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.redirect_urls"
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
