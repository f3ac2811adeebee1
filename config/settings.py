"""Django settings for Someluotsi, driven by environment variables.

The schema below is the single list of what can be configured; `.env.example` mirrors it.
Defaults are the safe ones: DEBUG off, no secret key outside development, SQLite and
in-process (eager) background tasks when no database or broker URL is given.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

# Lets admin and generic views be subscripted for type checking (ModelAdmin[Channel]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Environment schema: name -> (type, default)
# ---------------------------------------------------------------------------
env = environ.Env(
    DJANGO_DEBUG=(bool, False),
    DJANGO_DEBUG_TECHNICAL_404=(bool, False),
    DJANGO_SECRET_KEY=(str, ""),
    DJANGO_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    DJANGO_SECURE_SSL_REDIRECT=(bool, True),
    DJANGO_SECURE_HSTS_SECONDS=(int, 31_536_000),
    DJANGO_LOG_LEVEL=(str, "INFO"),
    DATABASE_URL=(str, ""),
    CELERY_BROKER_URL=(str, ""),
    CELERY_RESULT_BACKEND=(str, ""),
    EMAIL_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "someluotsi@localhost"),
    EMAIL_TIMEOUT=(int, 10),
    NOTIFICATION_EMAIL_MAX_ATTEMPTS=(int, 8),
    NOTIFICATION_RETRY_AFTER_REQUESTS=(bool, True),
    AXES_FAILURE_LIMIT=(int, 5),
    AXES_COOLOFF_MINUTES=(int, 15),
    LOGIN_ADDRESS_FAILURE_LIMIT=(int, 20),
    SOMELUOTSI_TRUSTED_PROXIES=(int, 0),
    HEALTHZ_TOKEN=(str, ""),
    OIDC_ENABLED=(bool, False),
    OIDC_RP_CLIENT_ID=(str, ""),
    OIDC_RP_CLIENT_SECRET=(str, ""),
    OIDC_RP_SIGN_ALGO=(str, "RS256"),
    OIDC_OP_AUTHORIZATION_ENDPOINT=(str, ""),
    OIDC_OP_TOKEN_ENDPOINT=(str, ""),
    OIDC_OP_USER_ENDPOINT=(str, ""),
    OIDC_OP_JWKS_ENDPOINT=(str, ""),
    SOMELUOTSI_DATA_DIR=(str, str(BASE_DIR / "var")),
    SOMELUOTSI_RULEBOOK=(str, ""),
    INBOX_WORKING_HOURS=(str, "08:00-16:00"),
    INBOX_WORKING_DAYS=(list, ["0", "1", "2", "3", "4"]),
    INBOX_CLOSED_DAYS=(list, []),
    INBOX_SLA_HOURS=(dict, {}),
    INBOX_RETENTION_DAYS=(int, 365),
    INBOX_AUTO_ESCALATE_THREATS=(bool, True),
    INBOX_AUTO_CLOSE=(bool, True),
    CHANNEL_INACTIVE_DAYS=(int, 14),
    STORM_SCAN_ON_INGEST=(bool, True),
    METRICS_REPORT_KEEP_HOURS=(int, 24),
    METRICS_REPORT_THREADS=(int, 1),
    METRICS_REPORT_STALL_MINUTES=(int, 15),
    METRICS_REPORT_MAX_ACTIVE=(int, 3),
    SOMELUOTSI_BASE_URL=(str, ""),
    PUBLISHING_MAX_IMAGE_MB=(int, 20),
    PUBLISHING_MAX_VIDEO_MB=(int, 500),
    CONNECTORS_ENCRYPTION_KEYS=(list, []),
    CONNECTORS_MAINTAINERS_MAY_CONNECT=(bool, False),
    CONNECTORS_BACKFILL_DAYS=(int, 14),
    CONNECTORS_POLL_MINUTES=(int, 10),
    CONNECTORS_WEBHOOK_MAX_BYTES=(int, 256 * 1024),
    CONNECTORS_WEBHOOK_REPLAY_SECONDS=(int, 300),
    CONNECTORS_HTTP_TIMEOUT=(float, 10.0),
    CONNECTORS_API_BASE_URLS=(dict, {}),
    CONNECTORS_SANDBOX=(bool, False),
    CONNECTORS_RETRY_AFTER_REQUESTS=(bool, True),
    META_APP_ID=(str, ""),
    META_APP_SECRET=(str, ""),
    META_VERIFY_TOKEN=(str, ""),
    META_GRAPH_VERSION=(str, "v25.0"),
    YOUTUBE_CLIENT_ID=(str, ""),
    YOUTUBE_CLIENT_SECRET=(str, ""),
    LINKEDIN_CLIENT_ID=(str, ""),
    LINKEDIN_CLIENT_SECRET=(str, ""),
    LINKEDIN_API_VERSION=(str, "202610"),
    X_CLIENT_ID=(str, ""),
    X_CLIENT_SECRET=(str, ""),
    X_CONSUMER_SECRET=(str, ""),
    TIKTOK_CLIENT_KEY=(str, ""),
    TIKTOK_CLIENT_SECRET=(str, ""),
)
# The local developer file; SOMELUOTSI_ENV_FILE names another one ("" reads none).
_env_file = Path(os.environ.get("SOMELUOTSI_ENV_FILE", str(BASE_DIR / ".env")))
if str(_env_file) and _env_file.is_file():
    # Only the local developer file; production sets real environment variables.
    environ.Env.read_env(str(_env_file))

DEBUG: bool = env("DJANGO_DEBUG")
# With DEBUG on (the demo of tools/run, a developer's machine) a missing page still gets the
# product's 404 page in the reader's language (core.middleware.NotFoundPageMiddleware), not
# Django's English technical page; true shows the technical page (its list of URL patterns).
DEBUG_TECHNICAL_404: bool = env("DJANGO_DEBUG_TECHNICAL_404")
# A municipality's own rulebook file; empty means the bundled Kokkola 2021 rulebook.
SOMELUOTSI_RULEBOOK: str = env("SOMELUOTSI_RULEBOOK")
DATA_DIR = Path(env("SOMELUOTSI_DATA_DIR"))

SECRET_KEY: str = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS: list[str] = env("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS: list[str] = env("DJANGO_CSRF_TRUSTED_ORIGINS")

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "someluotsi.core",
    "someluotsi.accounts",
    "someluotsi.audit",
    "someluotsi.notifications",
    "someluotsi.channels",
    "someluotsi.compliance",
    "someluotsi.inbox",
    "someluotsi.metrics",
    "someluotsi.incidents",
    "someluotsi.connectors",
    "someluotsi.publishing",
    "someluotsi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: static files keep their long cache; every other response is no-store.
    "someluotsi.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the headers above: an error under /api/ from anywhere is turned into the API's shape.
    "someluotsi.core.middleware.ApiErrorShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "someluotsi.core.client.ClientAddressMiddleware",
    # The saved language first, so that every answer below (a read-only refusal too) speaks it.
    "someluotsi.accounts.middleware.UserLanguageMiddleware",
    # Auditors never write: the one place that refuses them every state-changing request.
    "someluotsi.accounts.middleware.ReadOnlyRoleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the language and the messages: too many fields, NUL characters (core.middleware).
    "someluotsi.core.middleware.RequestInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # With DEBUG on, the product's 404 page instead of Django's technical one (the demo).
    "someluotsi.core.middleware.NotFoundPageMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "someluotsi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "someluotsi.core.context_processors.navigation",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite by default (embedded), PostgreSQL via DATABASE_URL
# ---------------------------------------------------------------------------
_database_url: str = env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'someluotsi.sqlite3'}"
DATABASES = {"default": env.db_url_config(_database_url)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = 0 if _database_url.startswith("sqlite") else 60
if _database_url.startswith("sqlite"):
    # WAL lets the web process read while a background job writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any other backend runs.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's attribute similarity check, also against the full name (accounts.password_rules).
    {"NAME": "someluotsi.accounts.password_rules.NameSimilarityValidator"},
    # Django's length rule, worded in fi/sv/en by Someluotsi (Django's Finnish lacks it).
    {
        "NAME": "someluotsi.accounts.password_rules.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT: int = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env("AXES_COOLOFF_MINUTES") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# One address trying passwords on many usernames: locked once its failures over all usernames
# within the cool-off reach this, except for the usernames that signed in from that address
# within LOGIN_KNOWN_ADDRESS_DAYS (accounts/lockout.py): colleagues behind one NAT keep working.
AXES_HANDLER = "someluotsi.accounts.lockout.AddressAwareAxesHandler"
LOGIN_ADDRESS_FAILURE_LIMIT: int = env("LOGIN_ADDRESS_FAILURE_LIMIT")
LOGIN_ADDRESS_COOLOFF = timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
LOGIN_KNOWN_ADDRESS_DAYS = 90
# The client address for lock-out, throttling and the audit trail alike (core/client.py): the
# number of reverse proxies in front of the application whose X-Forwarded-For is trusted.
SOMELUOTSI_TRUSTED_PROXIES: int = env("SOMELUOTSI_TRUSTED_PROXIES")
# /healthz names its components (database, broker, notification failures) only to staff users
# and to a monitor sending this in X-Healthz-Token (config/health.py); empty: staff only.
HEALTHZ_TOKEN: str = env("HEALTHZ_TOKEN")
AXES_CLIENT_IP_CALLABLE = "someluotsi.core.client.client_address"

# OpenID Connect hook for the city's identity provider; off unless configured.
OIDC_ENABLED: bool = env("OIDC_ENABLED")
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("someluotsi.accounts.oidc.CityOIDCBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = "openid email profile"

# ---------------------------------------------------------------------------
# Internationalisation: Finnish default, Swedish and English
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
# Each language named in itself, as the language switcher shows it (Finnish and Swedish write
# language names in lower case).
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English as written in Finland: day-first dates, the 24-hour clock (someluotsi/formats/en).
FORMAT_MODULE_PATH = ["someluotsi.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "someluotsi_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------
# Static files
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "someluotsi" / "static"]
# Uploaded files (the asset library) go through the default storage: the file system under
# SOMELUOTSI_DATA_DIR here; a city can point STORAGES["default"] at S3-compatible storage.
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: files go out through access-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ---------------------------------------------------------------------------
# Security (production defaults; DEBUG relaxes what plain-HTTP development needs)
# ---------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = (not DEBUG) and env("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = 0 if DEBUG else env("DJANGO_SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this origin only;
# no inline script or style anywhere (templates keep them in static files), no eval, no framing,
# forms post back to this origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a domain-owner decision made outside the application.
    "security.W021",
]

# ---------------------------------------------------------------------------
# E-mail: console in development, EMAIL_URL (smtp://...) in production
# ---------------------------------------------------------------------------
_email_url: str = env("EMAIL_URL")
if _email_url:
    _email = env.email_url_config(_email_url)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL: str = env("DEFAULT_FROM_EMAIL")
# Seconds an SMTP connection may take: a server that is down must not hold a worker long.
EMAIL_TIMEOUT: int = env("EMAIL_TIMEOUT")
# Durable notification e-mails (notifications/delivery.py): tries before one is marked failed
# (back-off 1, 2, 4 ... minutes, at most an hour apart: 8 tries span about 2 hours), and whether
# the embedded default (no beat) sweeps for due retries after requests, at most once a minute.
NOTIFICATION_EMAIL_MAX_ATTEMPTS: int = env("NOTIFICATION_EMAIL_MAX_ATTEMPTS")
NOTIFICATION_RETRY_AFTER_REQUESTS: bool = env("NOTIFICATION_RETRY_AFTER_REQUESTS")
# The address people open Someluotsi at (https://someluotsi.kokkola.fi): links in e-mails.
BASE_URL: str = env("SOMELUOTSI_BASE_URL").rstrip("/")

# ---------------------------------------------------------------------------
# Background tasks: Celery on a broker, or eager in-process without one
# ---------------------------------------------------------------------------
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL")
# In eager mode nothing is sent; the in-memory transport keeps kombu from looking for a server.
CELERY_BROKER_URL: str = env("CELERY_BROKER_URL") or "memory://"
CELERY_RESULT_BACKEND: str | None = env("CELERY_RESULT_BACKEND") or env("CELERY_BROKER_URL") or None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work (run `celery -A config beat` beside the worker in production).
CELERY_BEAT_SCHEDULE = {
    "inbox-reminders": {"task": "someluotsi.inbox.tasks.inbox_send_reminders", "schedule": 900.0},
    "inbox-retention": {"task": "someluotsi.inbox.tasks.inbox_purge_expired", "schedule": 86400.0},
    # Monday 07:00 Helsinki time: the channel-health summary to the mavi team.
    "channel-health-summary": {
        "task": "someluotsi.channels.tasks.channel_health_weekly_summary",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    # Notification e-mails whose retry is due (and any whose first try was never queued).
    "notifications-retry": {"task": "notifications.retry_due", "schedule": 60.0},
    # Scheduled metrics reports (§16.2): daily at 06:30 Helsinki time; each due report goes
    # to each recipient once (deliveries are rows), so a missed day is caught up the next.
    "scheduled-reports": {
        "task": "someluotsi.metrics.tasks.send_scheduled_reports",
        "schedule": crontab(minute=30, hour=6),
    },
    # Report files past METRICS_REPORT_KEEP_HOURS removed, jobs whose worker died marked failed.
    "report-files-purge": {"task": "metrics.report_jobs_tidy", "schedule": 900.0},
    # Storm detection (§17): every five minutes, besides the scan after each ingestion.
    "storm-scan": {"task": "incidents.scan_storms", "schedule": 300.0},
    # Scheduled posts go out within a minute of their time (with retries and back-off).
    "publishing-due": {"task": "publishing.publish_due", "schedule": 60.0},
    # Platform connectors: the polling fallback (what webhooks missed), tokens renewed before
    # they expire, and yesterday's figures every morning.
    "connectors-poll": {"task": "connectors.poll_due", "schedule": 60.0},
    # Replies, hides and deletes whose retry is due (a lost task, a worker restarted, a broker
    # that was down when the action was queued).
    "connectors-actions-retry": {"task": "connectors.retry_actions", "schedule": 60.0},
    "connectors-refresh-tokens": {"task": "connectors.refresh_tokens", "schedule": 900.0},
    "connectors-daily-metrics": {
        "task": "connectors.pull_metrics",
        "schedule": crontab(minute=30, hour=6),
    },
}

# Storm detection (§17): scan a channel as soon as live messages arrive for it (the periodic
# scan runs anyway). Sensitivity is set per channel on the incidents page.
STORM_SCAN_ON_INGEST: bool = env("STORM_SCAN_ON_INGEST")

# ---------------------------------------------------------------------------
# Metrics reports asked for on the metrics page (metrics/report_jobs.py): made in the
# background with their progress shown. With a broker a Celery worker makes them (the file goes
# through the default storage, which the web and worker machines must share: S3-compatible
# storage when they are separate machines); in the embedded default (no broker) this many
# background threads of the web process do, one report at a time each (0: in the request, as
# the tests do). Finished files are removed after METRICS_REPORT_KEEP_HOURS; a job without
# progress for METRICS_REPORT_STALL_MINUTES lost its worker and is marked failed; a person may
# have METRICS_REPORT_MAX_ACTIVE reports waiting or being made at once.
# ---------------------------------------------------------------------------
METRICS_REPORT_KEEP_HOURS: int = env("METRICS_REPORT_KEEP_HOURS")
METRICS_REPORT_THREADS: int = env("METRICS_REPORT_THREADS")
METRICS_REPORT_STALL_MINUTES: int = env("METRICS_REPORT_STALL_MINUTES")
METRICS_REPORT_MAX_ACTIVE: int = env("METRICS_REPORT_MAX_ACTIVE")

# ---------------------------------------------------------------------------
# Inbox: the answering clock (§8.4) and how long message texts are kept
# ---------------------------------------------------------------------------
# Working hours "HH:MM-HH:MM" in Europe/Helsinki, weekdays 0=Monday, and the city's own closed
# days (ISO dates) on top of Finnish public holidays, Midsummer Eve and Christmas Eve.
INBOX_WORKING_HOURS: str = env("INBOX_WORKING_HOURS")
INBOX_WORKING_DAYS: list[int] = [int(day) for day in env("INBOX_WORKING_DAYS")]
INBOX_CLOSED_DAYS: list[str] = env("INBOX_CLOSED_DAYS")
# Due time per category in working hours, e.g. "question=4,feedback=8"; 0 means at once.
INBOX_SLA_HOURS: dict[str, str] = env("INBOX_SLA_HOURS")
# Message texts and authors are removed this many days after receipt (open escalations kept).
INBOX_RETENTION_DAYS: int = env("INBOX_RETENTION_DAYS")
# Threats found at ingestion are escalated at once, with their evidence captured (§10.6).
INBOX_AUTO_ESCALATE_THREATS: bool = env("INBOX_AUTO_ESCALATE_THREATS")
# Spam and obvious duplicates (same author, same text, same channel, within a week) close
# themselves at ingestion, audited; reopening a message undoes it.
INBOX_AUTO_CLOSE: bool = env("INBOX_AUTO_CLOSE")

# ---------------------------------------------------------------------------
# Channel register: a channel with no post or answer for this many days is flagged (§12.1).
# ---------------------------------------------------------------------------
CHANNEL_INACTIVE_DAYS: int = env("CHANNEL_INACTIVE_DAYS")

# ---------------------------------------------------------------------------
# Publishing: upload limits of the asset library (images, videos), in megabytes.
# ---------------------------------------------------------------------------
PUBLISHING_MAX_IMAGE_MB: int = env("PUBLISHING_MAX_IMAGE_MB")
PUBLISHING_MAX_VIDEO_MB: int = env("PUBLISHING_MAX_VIDEO_MB")
# Platform connectors (README: "Connecting the platforms")
# ---------------------------------------------------------------------------
# Fernet keys for the tokens at rest, newest first (all decrypt, the first encrypts). Without
# them connecting is refused outside development (DEBUG derives a key from the secret key).
CONNECTORS_ENCRYPTION_KEYS: list[str] = env("CONNECTORS_ENCRYPTION_KEYS")
# Whether a channel's maintainers may connect it themselves (the mavi team always may).
CONNECTORS_MAINTAINERS_MAY_CONNECT: bool = env("CONNECTORS_MAINTAINERS_MAY_CONNECT")
# A first connection fetches this many days of history; polling runs every N minutes.
CONNECTORS_BACKFILL_DAYS: int = env("CONNECTORS_BACKFILL_DAYS")
CONNECTORS_POLL_MINUTES: int = env("CONNECTORS_POLL_MINUTES")
# Webhook bodies above this are refused (413); signed timestamps older than this (s) too.
CONNECTORS_WEBHOOK_MAX_BYTES: int = env("CONNECTORS_WEBHOOK_MAX_BYTES")
CONNECTORS_WEBHOOK_REPLAY_SECONDS: int = env("CONNECTORS_WEBHOOK_REPLAY_SECONDS")
CONNECTORS_HTTP_TIMEOUT: float = env("CONNECTORS_HTTP_TIMEOUT")
# Whether the embedded default (no beat) takes up platform actions whose retry is due after
# requests, at most once a minute (connectors/retries.py); with Celery the beat entry does.
CONNECTORS_RETRY_AFTER_REQUESTS: bool = env("CONNECTORS_RETRY_AFTER_REQUESTS")
# platform=https://… to reach a platform through a proxy (and the tests' local server).
CONNECTORS_API_BASE_URLS: dict[str, str] = env("CONNECTORS_API_BASE_URLS")
# The sandbox platform (demo and tests); on by default in development.
CONNECTORS_SANDBOX: bool = env("CONNECTORS_SANDBOX") or DEBUG
# The city's apps on the platforms (empty: the platform is off).
META_APP_ID: str = env("META_APP_ID")
META_APP_SECRET: str = env("META_APP_SECRET")
META_VERIFY_TOKEN: str = env("META_VERIFY_TOKEN")
META_GRAPH_VERSION: str = env("META_GRAPH_VERSION")
YOUTUBE_CLIENT_ID: str = env("YOUTUBE_CLIENT_ID")
YOUTUBE_CLIENT_SECRET: str = env("YOUTUBE_CLIENT_SECRET")
LINKEDIN_CLIENT_ID: str = env("LINKEDIN_CLIENT_ID")
LINKEDIN_CLIENT_SECRET: str = env("LINKEDIN_CLIENT_SECRET")
LINKEDIN_API_VERSION: str = env("LINKEDIN_API_VERSION")
X_CLIENT_ID: str = env("X_CLIENT_ID")
X_CLIENT_SECRET: str = env("X_CLIENT_SECRET")
X_CONSUMER_SECRET: str = env("X_CONSUMER_SECRET")
TIKTOK_CLIENT_KEY: str = env("TIKTOK_CLIENT_KEY")
TIKTOK_CLIENT_SECRET: str = env("TIKTOK_CLIENT_SECRET")

# ---------------------------------------------------------------------------
# REST API
# ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "someluotsi.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["someluotsi.api.permissions.IsSignedIn"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "someluotsi.api.errors.exception_handler",
    # `limit` 1-500 (default 50), `offset` 0-1,000,000; outside is a 400 (api/limits.py).
    "DEFAULT_PAGINATION_CLASS": "someluotsi.api.limits.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    # The API speaks JSON only (its schema documents JSON bodies; form encodings cannot carry
    # its nested fields faithfully); JSON nested deeper than 32 levels is a 400 (api/limits.py).
    "DEFAULT_PARSER_CLASSES": ["someluotsi.api.limits.BoundedJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Token requests: per username and address, and a higher ceiling per address (accounts/apis.py).
    "DEFAULT_THROTTLE_RATES": {"token": "10/min", "token_address": "60/min"},
    # DRF's own address reading trusts X-Forwarded-For unless told how many proxies there are;
    # our throttles use core.client.client_address, this keeps any other one in step.
    "NUM_PROXIES": SOMELUOTSI_TRUSTED_PROXIES,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Someluotsi API",
    "DESCRIPTION": "Social media governance for Finnish municipalities.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Always in English, whatever LANGUAGE_CODE or the caller's language (api/schema.py).
    "DEFAULT_GENERATOR_CLASS": "someluotsi.api.schema.EnglishSchemaGenerator",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "someluotsi.api.schema.add_error_responses",
    ],
    # The schema describes the API; it holds no data, so anyone may read it.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": ["fi", "sv", "en"],
        "ChannelKindEnum": "someluotsi.channels.enums.ChannelKind",
        "MessageKindEnum": "someluotsi.inbox.enums.MessageKind",
        "MaintainerRoleEnum": "someluotsi.channels.enums.MaintainerRole",
        "DecisionRoleEnum": "someluotsi.channels.enums.DecisionRole",
        "AlertStatusEnum": "someluotsi.incidents.enums.AlertStatus",
        "IncidentStatusEnum": "someluotsi.incidents.enums.IncidentStatus",
    },
}

# ---------------------------------------------------------------------------
# Logging: never log message bodies or personal data (STYLE.md)
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A 403 is one line (user id, path, reason), never a traceback (core/logs.py).
    "filters": {"forbidden_one_line": {"()": "someluotsi.core.logs.ForbiddenOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL")},
    # WeasyPrint reports every layout step at INFO; its warnings (a refused URL) still show.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "django.request": {"filters": ["forbidden_one_line"]},
    },
}
