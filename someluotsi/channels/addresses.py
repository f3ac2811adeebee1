"""Which web addresses belong to which platform: a channel's address in the register, and the
permalinks of the messages it receives (`inbox.permalinks`), are https addresses on the
platform's own domains, so that the register never links out to a site somebody typed in.

`PLATFORM_DOMAINS` lists each platform's domains (subdomains included: www.facebook.com,
m.youtube.com); a platform without an entry (`other`, a website or a service the register has
no list for) takes any https host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from someluotsi.channels.enums import Platform
from someluotsi.core.errors import ApplicationError

PLATFORM_DOMAINS: dict[str, tuple[str, ...]] = {
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.watch"),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.YOUTUBE: ("youtube.com", "youtu.be"),
    Platform.LINKEDIN: ("linkedin.com", "lnkd.in"),
    Platform.X: ("x.com", "twitter.com"),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.WHATSAPP: ("whatsapp.com", "wa.me"),
    Platform.DISCORD: ("discord.com", "discord.gg"),
    Platform.SNAPCHAT: ("snapchat.com",),
}

MAX_URL_LENGTH = 200


def host_on_domains(host: str, domains: tuple[str, ...]) -> bool:
    """Whether `host` (lower case) is one of `domains` or a subdomain of one."""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def _bad_url(message: str) -> ApplicationError:
    return ApplicationError(message, code="bad_url")


def channel_url_clean(url: object, platform: str) -> str:
    """A channel's address for `platform`, stripped; "" for none.

    Raises ApplicationError (code `bad_url`, a translated message) for anything but an https
    address (http too for a platform without a domain list) whose host is on the platform's
    own domains, or for one with a user name, a password or an odd port in it."""
    text = str(url or "").strip()
    if not text:
        return ""
    if len(text) > MAX_URL_LENGTH:
        raise _bad_url(_("At most 200 characters."))
    domains = PLATFORM_DOMAINS.get(platform)
    schemes = ("https",) if domains else ("https", "http")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        host, port, parts = "", None, urlsplit("")
    if (
        parts.scheme not in schemes
        or not host
        or parts.username is not None
        or parts.password is not None
        or any(ch.isspace() for ch in text)
    ):
        raise _bad_url(_("The address must start with https://."))
    if domains is None:
        return text
    if port not in (None, 443) or not host_on_domains(host, domains):
        raise _bad_url(
            _("A %(platform)s channel's address must be on %(domains)s, not on %(host)s.")
            % {
                "platform": Platform(platform).label,
                "domains": ", ".join(domains),
                "host": host[:100],
            }
        )
    return text
