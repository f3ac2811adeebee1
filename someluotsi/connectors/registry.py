"""The explicit list of connectors (no discovery) and how each is configured from settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.conf import settings

from someluotsi.connectors.base import Connector, PlatformConfig
from someluotsi.connectors.errors import NOT_CONNECTED, ConnectorError
from someluotsi.connectors.linkedin.connector import LinkedInConnector
from someluotsi.connectors.meta.facebook import FacebookConnector
from someluotsi.connectors.meta.instagram import InstagramConnector
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.tiktok.connector import TikTokConnector
from someluotsi.connectors.x.connector import XConnector
from someluotsi.connectors.youtube.connector import YouTubeConnector

# platform → connector class. Adding a platform is one line here and one folder beside this.
CONNECTORS: dict[str, Callable[[PlatformConfig], Connector]] = {
    "facebook": FacebookConnector,
    "instagram": InstagramConnector,
    "linkedin": LinkedInConnector,
    "x": XConnector,
    "youtube": YouTubeConnector,
    "tiktok": TikTokConnector,
    "sandbox": SandboxConnector,
}


def platform_config(platform: str) -> PlatformConfig:
    """The city's app on `platform` from settings (empty credentials: not configured)."""
    bases: dict[str, str] = settings.CONNECTORS_API_BASE_URLS
    common = PlatformConfig(
        api_base=bases.get(platform, ""),
        auth_base=bases.get(f"{platform}_auth", ""),
        timeout=float(settings.CONNECTORS_HTTP_TIMEOUT),
        replay_window=float(settings.CONNECTORS_WEBHOOK_REPLAY_SECONDS),
    )
    s = settings
    apps = {
        "facebook": (s.META_APP_ID, s.META_APP_SECRET, s.META_VERIFY_TOKEN, s.META_GRAPH_VERSION),
        "instagram": (s.META_APP_ID, s.META_APP_SECRET, s.META_VERIFY_TOKEN, s.META_GRAPH_VERSION),
        "youtube": (s.YOUTUBE_CLIENT_ID, s.YOUTUBE_CLIENT_SECRET, "", ""),
        "linkedin": (s.LINKEDIN_CLIENT_ID, s.LINKEDIN_CLIENT_SECRET, "", s.LINKEDIN_API_VERSION),
        # X signs webhooks with the app's consumer secret, not the OAuth 2.0 client secret.
        "x": (s.X_CLIENT_ID, s.X_CLIENT_SECRET, s.X_CONSUMER_SECRET, ""),
        "tiktok": (s.TIKTOK_CLIENT_KEY, s.TIKTOK_CLIENT_SECRET, "", ""),
        "sandbox": ("sandbox", "sandbox", "", ""),
    }
    client_id, client_secret, verify_token, version = apps.get(platform, ("", "", "", ""))
    return replace(
        common, client_id=client_id, client_secret=client_secret, verify_token=verify_token,
        version=version,
    )  # fmt: skip


def platform_enabled(platform: str) -> bool:
    """Connectors are off until configured (STYLE.md): the city's app credentials are set, or
    for the sandbox, CONNECTORS_SANDBOX is on."""
    if platform == "sandbox":
        return bool(settings.CONNECTORS_SANDBOX)
    return platform in CONNECTORS and platform_config(platform).configured


def connector_for(platform: str) -> Connector:
    """The connector of `platform`, configured; ConnectorError(NOT_CONNECTED) if unknown."""
    factory = CONNECTORS.get(platform)
    if factory is None:
        raise ConnectorError(NOT_CONNECTED, f"no connector for {platform!r}")
    return factory(platform_config(platform))
