"""Settings for the test suite: production settings with test-only relaxations.

DEBUG stays off, as in production; the suite runs over plain HTTP, so the HTTPS-only cookie and
redirect settings are relaxed, and a fast password hasher is used.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# A test-only Fernet key (tokens at rest) and the sandbox platform for the connector tests.
os.environ.setdefault("CONNECTORS_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWZlcm5ldC1rZXktbm90LXNlY3JldCE=")
os.environ.setdefault("CONNECTORS_SANDBOX", "true")

from config.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Static files come from the finders in tests; no collected STATIC_ROOT exists.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A fresh clone has no data folder yet (tools/run makes it): the worker's test database, report
# files and uploads written by tests go there.
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not CELERY_TASK_ALWAYS_EAGER:  # noqa: F405
    # A real Celery worker (a thread of the test process) and the tests share the database. An
    # in-memory SQLite's shared cache takes table locks that do not wait; a test database in a
    # file, in WAL mode with a busy timeout, lets them take turns as production SQLite does.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(DATA_DIR / f"test-worker-{os.getpid()}.sqlite3")  # noqa: F405
    }
    DATABASES["default"]["OPTIONS"]["timeout"] = 30  # noqa: F405
