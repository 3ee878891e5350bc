"""Deelwijs settings: one file, read from environment variables.

Every variable has a development default except where production must
choose (DEBUG=false makes SECRET_KEY and ALLOWED_HOSTS required).
"""

import base64
import hashlib
import os
from pathlib import Path

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from deelwijs.push import keys as vapid_keys

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
# Database (SQLite), uploads and collected static files; set DEELWIJS_VAR in production.
VAR_DIR = Path(os.environ.get("DEELWIJS_VAR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    try:
        return int(value) if value is not None else default
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from e


def env_choice(name, choices, default):
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_secret(name, default=None):
    """A secret from NAME, or from the file named in NAME_FILE (Docker/systemd credentials)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as e:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {e.strerror}") from e
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret_list(name):
    """A comma-separated list of secrets from NAME, or from the file named in NAME_FILE."""
    return [item.strip() for item in (env_secret(name) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=true for development")
    SECRET_KEY = "development-only-not-secret"
# Fernet keys for the secrets kept in the database (an organisation's SSO client secret), newest first:
# encrypting uses the first, decrypting tries each (deelwijs/common/encryption.py). Required in production
# (system check encryption.E001); in development, without it, a key derived from SECRET_KEY.
DEELWIJS_ENCRYPTION_KEYS = env_secret_list("DEELWIJS_ENCRYPTION_KEYS")
if not DEELWIJS_ENCRYPTION_KEYS and DEBUG:
    DEELWIJS_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"deelwijs-encryption:" + SECRET_KEY.encode()).digest()).decode()
    ]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin, with an admin site that requires a second factor.
    "deelwijs.orgs.apps.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "deelwijs.orgs",
    "deelwijs.provisioning",
    "deelwijs.push",
    "deelwijs.accounts",
    "deelwijs.content",
    "deelwijs.consent",
    "deelwijs.sharing",
    "deelwijs.stories",
    "deelwijs.planning",
    "deelwijs.learning",
    "deelwijs.insight",
    "deelwijs.webcare",
    "deelwijs.toolkit",
    "deelwijs.community",
    "deelwijs.chat",
    "deelwijs.jobs",
    "deelwijs.privacy",
    "deelwijs.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "deelwijs.orgs.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "deelwijs.orgs.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "deelwijs.orgs.tenancy.OrganisationScopeMiddleware",
    # Before the two-factor step, so an expired session ends instead of being asked for its second step.
    "deelwijs.orgs.sessions.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "deelwijs.orgs.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "deelwijs.config.urls"
# The operators' admin site (superusers), the one place that reads across organisations.
ADMIN_URL_PATH = "beheer/"
WSGI_APPLICATION = "deelwijs.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deelwijs.config.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'deelwijs.sqlite3'}"), conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process, the worker and the scheduler write to one file at the same time. WAL lets readers go on
    # while one writes; IMMEDIATE takes the write lock at BEGIN, so a transaction that reads first waits its turn
    # (up to SQLITE_TIMEOUT seconds) instead of failing at once with "database is locked" when it starts writing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Ours: Django's own message for this one has no Dutch translation (deelwijs/orgs/passwords.py).
    {"NAME": "deelwijs.orgs.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Background jobs: a database queue; run `manage.py db_worker` (one or more) in production.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"), "QUEUES": ["default"]}}

# Finished background tasks (their rows hold e-mail texts, for one) are deleted after this many days by the
# nightly retention job; expired sessions go the same night. Installation-wide: neither belongs to one organisation.
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 30)
if TASK_RESULTS_KEEP_DAYS < 1:
    raise ImproperlyConfigured("TASK_RESULTS_KEEP_DAYS must be 1 or more")

# The photo check (deelwijs.photocheck) stops Tesseract after this many seconds, so a pathological photo never
# holds a worker; the check then says the text could not be read.
PHOTO_CHECK_TIMEOUT = env_int("PHOTO_CHECK_TIMEOUT", 20)
if PHOTO_CHECK_TIMEOUT < 1:
    raise ImproperlyConfigured("PHOTO_CHECK_TIMEOUT must be 1 or more")

# Clicks on tracked links are written in batches at most this many seconds later.
CLICK_BUFFER_SECONDS = float(env("CLICK_BUFFER_SECONDS", "1"))

# Lock-out after repeated failed sign-ins (django-axes), per account and address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
# Locked per account, whatever the address: behind one proxy or a hospital's network everyone shares an address.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_CLIENT_IP_CALLABLE = "deelwijs.common.clientip.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# And per address: this many failed sign-ins from one address in the cool-off time stop further tries from it.
SIGNIN_ADDRESS_LIMIT = env_int("SIGNIN_ADDRESS_LIMIT", 50)
# How many reverse proxies (nginx, a load balancer) stand in front and append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# axes warns when the lock-out leaves out the address; the per-address limit is ours (SIGNIN_ADDRESS_LIMIT,
# orgs.forms.SignInForm), with its own, higher threshold, because a ward's PCs share one address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    # Uploads have no public address: they leave the server through the view of the object they belong to.
    "default": {"BACKEND": "deelwijs.common.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Never served as such (no URL pattern, no web server location): see DEELWIJS_FILE_SERVING.
MEDIA_URL = "/media/"
# Exports of a person's data (AVG art. 15 and 20): outside MEDIA_ROOT on purpose, served only through a view that
# checks who asks (deelwijs/privacy/views.py). Never let the web server serve this folder.
EXPORT_ROOT = Path(env("EXPORT_ROOT", VAR_DIR / "exports"))
EXPORT_VALID_DAYS = env_int("EXPORT_VALID_DAYS", 7)
# How an uploaded file goes out once its view has checked who may see it (deelwijs/common/files.py):
# "django" streams it (development), "nginx" hands it to nginx with X-Accel-Redirect to the internal
# location DEELWIJS_FILE_INTERNAL_URL, "sendfile" to Apache or lighttpd with X-Sendfile.
DEELWIJS_FILE_SERVING = env_choice("DEELWIJS_FILE_SERVING", ("django", "nginx", "sendfile"), "django")
DEELWIJS_FILE_INTERNAL_URL = "/" + env("DEELWIJS_FILE_INTERNAL_URL", "/_bestanden/").strip("/") + "/"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if not DEBUG else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Deelwijs <noreply@localhost>")

# Sessions end after this many hours however active (deelwijs.orgs.sessions); the idle timeout is an
# organisation setting. The cookie lives no longer than that either.
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The Content-Security-Policy (django-csp): scripts, styles, images and fonts only from our own origin, no inline
# script, event handler or style attribute (our JavaScript is wired by data attributes, static/js/page.js).
# Forms may also lead to https: the SSO sign-in and the Mastodon share answer a form with a redirect to the
# organisation's identity provider or the person's own server, and browsers apply form-action to that redirect.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.NONE],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF],
        "img-src": [csp.constants.SELF],
        "font-src": [csp.constants.SELF],
        "connect-src": [csp.constants.SELF],
        "manifest-src": [csp.constants.SELF],
        # The service worker (/sw.js, deelwijs/push): the app offline and the notifications pushed to a device.
        "worker-src": [csp.constants.SELF],
        "form-action": [csp.constants.SELF, "https:"],
        "frame-ancestors": [csp.constants.NONE],
        "base-uri": [csp.constants.NONE],
        "object-src": [csp.constants.NONE],
    },
}
# Features no Deelwijs page uses, switched off for every page (sent by orgs.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs never carry personal data: only levels, paths and ids.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
AXES_VERBOSE = False
FORMS_URLFIELD_ASSUME_HTTPS = True
OTP_TOTP_ISSUER = "Deelwijs"
# The admin site never shows a device's secret or QR code (and an unknown device id is refused, not a 500).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Web Push (deelwijs/push): the VAPID private key that signs every push; its public key is derived from it. Without
# one, nobody can switch notifications on (the settings page says so). `manage.py vapid_keys` prints a new one; in
# development (DEBUG) one is made once in var/ when none is set, so `make run` needs no step.
DEELWIJS_VAPID_PRIVATE_KEY = env_secret("DEELWIJS_VAPID_PRIVATE_KEY", "")
if not DEELWIJS_VAPID_PRIVATE_KEY and DEBUG:
    DEELWIJS_VAPID_PRIVATE_KEY = vapid_keys.development_key(VAR_DIR / "vapid-development.key")
# Whom push services may contact about our pushes: mailto: or https:. Empty: the address of DEFAULT_FROM_EMAIL.
DEELWIJS_VAPID_SUBJECT = env("DEELWIJS_VAPID_SUBJECT", "")

# Intranet hosts (names or IP addresses) the server may fetch from although they resolve to a private address,
# e.g. an organisation's own identity provider; everything else must be public (deelwijs/common/outbound.py).
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS")
