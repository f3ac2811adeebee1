"""Settings behave safely: production refuses to start without a secret, and the deployment
check is clean with a production-like environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _environment(env: dict[str, str], settings: str) -> dict[str, str]:
    """This process's environment without our settings variables, plus `env`."""
    ours = ("DJANGO_", "DATABASE_URL", "CELERY_", "OIDC_", "SOMELUOTSI_BASE_URL")
    base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    base.update(env)
    base["DJANGO_SETTINGS_MODULE"] = settings
    base["SOMELUOTSI_ENV_FILE"] = ""  # ignore a developer's .env in this checkout
    return base


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = _environment(env, "config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    result = _manage("check", env={"DJANGO_DEBUG": "false", "SOMELUOTSI_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_environment(tmp_path: Path) -> None:
    env = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 64 + "production-like-secret-for-the-check",
        "DJANGO_ALLOWED_HOSTS": "some.kokkola.fi",
        "SOMELUOTSI_DATA_DIR": str(tmp_path),
        "SOMELUOTSI_BASE_URL": "https://some.kokkola.fi",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    # Without the site's address, links in notification e-mails would have no host.
    del env["SOMELUOTSI_BASE_URL"]
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "notifications.W001" in result.stdout + result.stderr


def _resolve_oidc(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import reverse, NoReverseMatch\n"
        "print('backend' if any('OIDC' in b for b in settings.AUTHENTICATION_BACKENDS) else '-')\n"
        "try:\n    print(reverse('oidc_authentication_init'))\n"
        "except NoReverseMatch:\n    print('no-route')\n"
    )
    base = _environment(env, "config.settings_test")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_oidc_is_off_by_default() -> None:
    result = _resolve_oidc({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-", "no-route"]


def test_oidc_hook_is_wired_when_configured() -> None:
    idp = "https://login.example.fi/oidc"
    result = _resolve_oidc(
        {
            "OIDC_ENABLED": "true",
            "OIDC_RP_CLIENT_ID": "someluotsi",
            "OIDC_RP_CLIENT_SECRET": "s3cret",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{idp}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{idp}/token",
            "OIDC_OP_USER_ENDPOINT": f"{idp}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{idp}/jwks",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["backend", "/oidc/authenticate/"]
