"""Demo data: the city's units, one user per role, the six city channels of §7.1-§7.6 and a few
unit channels of §7.7. Loading is idempotent: records are matched on natural keys.

Demo passwords are derived from the installation's secret key, so they stay the same between
runs of one installation, differ between installations, and never appear in settings or code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.services import role_assign
from someluotsi.audit.services import audit_record
from someluotsi.channels.enums import ChannelKind, MaintainerRole, Platform
from someluotsi.channels.models import Channel, ChannelMaintainer
from someluotsi.demo.connectors import demo_connectors_load
from someluotsi.demo.inbox import demo_inbox_load
from someluotsi.demo.metrics import demo_metrics_load
from someluotsi.demo.publishing import demo_publishing_load
from someluotsi.demo.register import demo_register_load

# code, Finnish, Swedish, English, parent code
UNITS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("konserni", "Konsernipalvelut", "Koncerntjänster", "Group services", None),
    ("sivistys", "Sivistyspalvelut", "Bildningstjänster", "Education and culture services", None),
    ("tekninen", "Tekninen palvelukeskus", "Tekniska servicecentralen", "Technical services", None),
    (
        "mavi",
        "Markkinointi- ja viestintätiimi",
        "Marknadsförings- och kommunikationsteamet",
        "Marketing and communications team",
        "konserni",
    ),
    ("kirjasto", "Kaupunginkirjasto", "Stadsbiblioteket", "City library", "sivistys"),
    ("nuoriso", "Nuorisopalvelut", "Ungdomstjänster", "Youth services", "sivistys"),
    ("liikunta", "Liikuntapalvelut", "Idrottstjänster", "Sports services", "sivistys"),
    ("museo", "K.H. Renlundin museo", "K.H. Renlunds museum", "K.H. Renlund Museum", "sivistys"),
    ("kiinteisto", "Kiinteistöpalvelut", "Fastighetstjänster", "Property services", "tekninen"),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    unit: str
    title: str
    roles: tuple[tuple[Role, str | None], ...]
    language: str = "fi"


USERS: tuple[DemoUser, ...] = (
    DemoUser("mavi", "Maija", "Mäkelä", "mavi", "Viestintäsuunnittelija", ((Role.MAVI, None),)),
    DemoUser(
        "viestintapaallikko",
        "Helena",
        "Järvinen",
        "mavi",
        "Markkinointi- ja viestintäpäällikkö",
        ((Role.COMMS_MANAGER, None), (Role.MAVI, None)),
    ),
    DemoUser(
        "yksikonpaallikko",
        "Kari",
        "Nieminen",
        "kirjasto",
        "Kirjastotoimenjohtaja",
        ((Role.UNIT_MANAGER, "kirjasto"), (Role.UNIT_MANAGER, "nuoriso")),
    ),
    DemoUser(
        "paivittaja", "Sanna", "Lind", "kirjasto", "Kirjastonhoitaja", ((Role.UPDATER, None),), "sv"
    ),
    DemoUser(
        "tyontekija", "Oskari", "Virtanen", "liikunta", "Liikunnanohjaaja", ((Role.EMPLOYEE, None),)
    ),
    DemoUser(
        "luottamushenkilo",
        "Ulla",
        "Björklund",
        "konserni",
        "Kaupunginvaltuutettu",
        ((Role.ELECTED, None),),
        "sv",
    ),
    DemoUser(
        "esihenkilo",
        "Pekka",
        "Hautala",
        "kirjasto",
        "Palvelupäällikkö",
        ((Role.SUPERVISOR, "sivistys"),),
    ),
    DemoUser(
        "tyosuojelu",
        "Tiina",
        "Rautio",
        "konserni",
        "Työsuojelupäällikkö",
        ((Role.SAFETY_MANAGER, None),),
    ),
    DemoUser("tarkastaja", "Anders", "Ek", "konserni", "Tarkastaja", ((Role.AUDITOR, None),), "sv"),
    # The account a platform connector delivers messages with (POST /api/v1/messages).
    DemoUser(
        "liitin",
        "Alustaliitin",
        "Palvelutili",
        "mavi",
        "Palvelutili",
        ((Role.SERVICE_ACCOUNT, None),),
    ),
)

# platform, name, handle, url, unit, kind, guideline section, maintainers
CHANNELS: tuple[tuple[Platform, str, str, str, str, ChannelKind, str, tuple[str, ...]], ...] = (
    (
        Platform.FACEBOOK,
        "Kokkolan kaupunki Karleby stad",
        "kokkolankaupunki",
        "https://www.facebook.com/kokkolankaupunki",
        "mavi",
        ChannelKind.CITY,
        "§7.1",
        ("mavi",),
    ),
    (
        Platform.INSTAGRAM,
        "Kokkola Karleby",
        "kokkolakarleby",
        "https://www.instagram.com/kokkolakarleby",
        "mavi",
        ChannelKind.CITY,
        "§7.2",
        ("mavi",),
    ),
    (
        Platform.X,
        "Kokkola Karleby",
        "KokkolaKarleby",
        "https://x.com/KokkolaKarleby",
        "mavi",
        ChannelKind.CITY,
        "§7.3",
        ("mavi",),
    ),
    (
        Platform.LINKEDIN,
        "Kokkolan kaupunki",
        "kokkolan-kaupunki",
        "https://www.linkedin.com/company/kokkolan-kaupunki",
        "mavi",
        ChannelKind.CITY,
        "§7.4",
        ("mavi",),
    ),
    (
        Platform.YOUTUBE,
        "Kokkolan kaupunki",
        "kokkolankaupunki",
        "https://www.youtube.com/@kokkolankaupunki",
        "mavi",
        ChannelKind.CITY,
        "§7.5",
        ("mavi",),
    ),
    (
        Platform.TIKTOK,
        "Kokkola Karleby",
        "kokkolakarleby",
        "https://www.tiktok.com/@kokkolakarleby",
        "mavi",
        ChannelKind.CITY,
        "§7.6",
        ("mavi",),
    ),
    (
        Platform.FACEBOOK,
        "Kokkolan kaupunginkirjasto – Karleby stadsbibliotek",
        "kokkolankirjasto",
        "",
        "kirjasto",
        ChannelKind.UNIT,
        "§7.7",
        ("paivittaja",),
    ),
    (
        Platform.INSTAGRAM,
        "Nuorisopalvelut Kokkola",
        "nuorisokokkola",
        "",
        "nuoriso",
        ChannelKind.UNIT,
        "§7.7",
        ("paivittaja",),
    ),
    (Platform.DISCORD, "Nuokkari Discord", "nuokkari", "", "nuoriso", ChannelKind.UNIT, "§7.7", ()),
    (
        Platform.FACEBOOK,
        "Kokkolan liikuntapalvelut",
        "kokkolaliikunta",
        "",
        "liikunta",
        ChannelKind.UNIT,
        "§7.7",
        (),
    ),
    (
        Platform.INSTAGRAM,
        "K.H. Renlundin museo",
        "khrenlund",
        "",
        "museo",
        ChannelKind.UNIT,
        "§7.7",
        (),
    ),
)


def demo_password(username: str) -> str:
    """A per-installation password for a demo user (never used outside demo data)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"demo-user:{username}".encode(), hashlib.sha256
    )
    return "Demo-" + base64.b32encode(digest.digest()).decode()[:12].lower()


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    roles: str


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create or update the demo records; returns the logins to print."""
    units: dict[str, Unit] = {}
    for code, fi, sv, en, parent in UNITS:
        units[code], _created = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "parent": units.get(parent or ""),
            },
        )
    logins: list[DemoLogin] = []
    users: dict[str, User] = {}
    for spec in USERS:
        user, created = User.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@demo.kokkola.invalid"
        user.unit, user.title = units[spec.unit], spec.title
        if created:
            user.preferred_language = spec.language
        password = demo_password(spec.username)
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        users[spec.username] = user
        for role, unit_code in spec.roles:
            role_assign(
                actor=None,
                user=user,
                role=role,
                unit=units[unit_code] if unit_code else None,
                notify=False,
            )
        labels = ", ".join(dict.fromkeys(str(role.label) for role, _unit in spec.roles))
        logins.append(DemoLogin(spec.username, password, labels))
    for unit_code, manager in (("kirjasto", "yksikonpaallikko"), ("mavi", "viestintapaallikko")):
        Unit.objects.filter(code=unit_code).update(manager=users[manager])
    for platform, name, handle, url, unit_code, kind, ref, maintainers in CHANNELS:
        channel, _created = Channel.objects.update_or_create(
            platform=platform,
            name=name,
            defaults={
                "handle": handle,
                "url": url,
                "unit": units[unit_code],
                "kind": kind,
                "guideline_ref": ref,
            },
        )
        for username in maintainers:
            acting = MaintainerRole.ORGANISATION
            ChannelMaintainer.objects.get_or_create(
                channel=channel, user=users[username], defaults={"acting_role": acting}
            )
    demo_register_load(users)
    added = demo_inbox_load(users)
    demo_metrics_load(users)
    demo_connectors_load(users)
    demo_publishing_load(users)
    audit_record(
        actor=None,
        action="demo.loaded",
        data={"users": len(USERS), "channels": len(CHANNELS), "messages": added},
    )
    return logins
