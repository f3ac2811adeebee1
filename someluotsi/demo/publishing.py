"""Demo publishing: a campaign, library images (one without consent, one with rights that have
ended), a city post published and shared from the ambassador hub, a scheduled post, a library
post waiting for its unit manager, a draft with a finding, and an elected official's clearance
request. Everything goes through the publishing services, as people would do it; loading again
adds nothing (posts are matched on their working title)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.publishing import services
from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.clearances import clearance_request
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.hub import share_record
from someluotsi.publishing.models import Asset, Campaign, ClearanceRequest, Post
from someluotsi.publishing.policies import campaign_save, channel_policy_save
from someluotsi.publishing.tasks import publishing_publish_due

CITY_FACEBOOK = "Kokkolan kaupunki Karleby stad"
CITY_INSTAGRAM = "Kokkola Karleby"
LIBRARY = "Kokkolan kaupunginkirjasto – Karleby stadsbibliotek"


def _picture(sky: tuple[int, int, int], sea: tuple[int, int, int]) -> bytes:
    """A drawn landscape (the demo ships no photographs)."""
    image = Image.new("RGB", (1200, 800), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=sea)
    draw.ellipse((880, 90, 1040, 250), fill=(250, 214, 90))
    draw.polygon([(200, 520), (420, 300), (640, 520)], fill=(60, 90, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _asset(
    user: User,
    title: str,
    details: dict[str, object],
    colours: tuple[tuple[int, int, int], tuple[int, int, int]],
) -> Asset:
    existing = Asset.objects.filter(title=title).first()
    if existing is not None:
        return existing
    upload = SimpleUploadedFile(f"{title}.jpg", _picture(*colours), content_type="image/jpeg")
    return asset_create(actor=user, upload=upload, details=AssetDetails(title=title, **details))  # type: ignore[arg-type]


def _connect_sandbox(channel: Channel, actor: User) -> None:
    """The demo city page publishes through the connectors' sandbox platform (when enabled)."""
    if not settings.CONNECTORS_SANDBOX:
        return
    from someluotsi.connectors.models import Connection
    from someluotsi.connectors.sandbox.connector import SandboxConnector
    from someluotsi.connectors.services import connection_save

    if Connection.objects.filter(channel=channel).exists():
        return
    tokens = SandboxConnector().issue_tokens("sbx-kokkola", channel.name)
    connection_save(actor=actor, channel=channel, platform="sandbox", tokens=tokens)


def demo_publishing_load(users: dict[str, User]) -> int:
    """Load the publishing demo; returns how many posts were added."""
    mavi, manager = users["mavi"], users["viestintapaallikko"]
    updater, unit_manager = users["paivittaja"], users["yksikonpaallikko"]
    city = Channel.objects.get(platform="facebook", name=CITY_FACEBOOK)
    instagram = Channel.objects.get(platform="instagram", name=CITY_INSTAGRAM)
    library = Channel.objects.get(name=LIBRARY)
    _connect_sandbox(city, mavi)
    channel_policy_save(actor=mavi, channel=library, approval="unit_manager", bilingual=True)
    campaign = Campaign.objects.filter(name="Kesä-Kokkola").first() or campaign_save(
        actor=mavi, name="Kesä-Kokkola", hashtags="#KesäKokkola #KokkolaKarleby"
    )
    harbour = _asset(
        mavi,
        "Satama kesäaamuna",
        {
            "alt_text": "Kokkolan satama kesäaamuna: tyyni meri, metsäinen niemi, aurinko.",
            "alt_text_sv": "Karleby hamn en sommarmorgon: stilla hav, en skogig udde, solen.",
            "photographer": "Mikael Sundqvist",
            "licence": "city",
            "consent": "no_people",
        },
        ((170, 205, 235), (40, 100, 150)),
    )
    _asset(
        updater,
        "Lukupiiri kirjastossa",
        {
            "alt_text": "Lukupiirin osallistujat istuvat kirjaston lukusalissa kirjat sylissä.",
            "photographer": "Riitta Koskela",
            "licence": "city",
            "consent": "missing",
        },
        ((230, 220, 200), (150, 120, 90)),
    )
    _asset(
        mavi,
        "Ostettu kuva: talvinen tori",
        {
            "alt_text": "Talvinen kauppatori iltavalaistuksessa, lumisia kojuja.",
            "photographer": "Kuvatoimisto",
            "licence": "purchased",
            "rights_holder": "Kuvatoimisto Oy",
            "rights_expire_on": timezone.localdate() - timedelta(days=30),
            "consent": "no_people",
        },
        ((200, 210, 225), (230, 235, 240)),
    )
    added = 0
    soon = timezone.now() + timedelta(minutes=5)
    if not Post.objects.filter(title="Uimahalli avautuu").exists():
        post = services.post_create(
            actor=mavi,
            data=services.PostInput(
                title="Uimahalli avautuu",
                text=(
                    "Uimahalli avautuu remontin jälkeen maanantaina klo 6. Tervetuloa uimaan! "
                    "#KokkolaKarleby #LaajempiHorisontti"
                ),
                text_sv=(
                    "Simhallen öppnar efter renoveringen på måndag kl. 6. Välkommen att simma! "
                    "#KokkolaKarleby"
                ),
                link="https://www.kokkola.fi/",
                channels=[city],
                assets=[harbour],
                campaign=campaign,
                scheduled_at=soon,
                shareable=True,
                share_text="Uimahalli on taas auki – nähdään altaalla! #KokkolaKarleby",
            ),
        )
        services.post_submit(actor=mavi, post=post)
        services.post_approve(actor=manager, post=post)
        Post.objects.filter(pk=post.pk).update(scheduled_at=timezone.now() - timedelta(hours=2))
        publishing_publish_due.apply()
        post.refresh_from_db()
        for target in post.targets.filter(delivery__in=["by_hand", "pending", "failed"]):
            services.target_record_by_hand(
                actor=mavi, target=target, permalink="https://www.facebook.com/kokkolankaupunki"
            )
        post.refresh_from_db()
        if post.status == PostStatus.PUBLISHED:
            share_record(user=users["tyontekija"], post=post, platform="linkedin")
            share_record(user=users["luottamushenkilo"], post=post, platform="facebook")
        added += 1
    if not Post.objects.filter(title="Kesäteatteri").exists():
        post = services.post_create(
            actor=mavi,
            data=services.PostInput(
                title="Kesäteatteri",
                text="Kesäteatterin ensi-ilta on lauantaina Kaupunginpuistossa. #KesäKokkola",
                text_sv="Sommarteaterns premiär är på lördag i Stadsparken. #KesäKokkola",
                channels=[instagram],
                assets=[harbour],
                campaign=campaign,
                scheduled_at=timezone.now() + timedelta(days=3),
            ),
        )
        services.post_submit(actor=mavi, post=post)
        services.post_approve(actor=manager, post=post)
        added += 1
    if not Post.objects.filter(title="Lukupiiri alkaa").exists():
        post = services.post_create(
            actor=updater,
            data=services.PostInput(
                title="Lukupiiri alkaa",
                text="Kirjaston lukupiiri alkaa syyskuussa. Tervetuloa mukaan! #kokkolakarleby",
                no_swedish_reason="Lukupiiri on suomenkielinen.",
                channels=[library],
                scheduled_at=timezone.now() + timedelta(days=6),
            ),
        )
        services.post_submit(actor=updater, post=post)
        added += 1
    if not Post.objects.filter(title="Kirjaston aukioloajat").exists():
        services.post_create(
            actor=updater,
            data=services.PostInput(
                title="Kirjaston aukioloajat",
                text=(
                    "Kirjasto on kiinni juhannuksena. Kysy lisää kirjastonhoitaja Liisalta "
                    "numerosta 040 123 4567."
                ),
                channels=[library],
            ),
        )
        added += 1
    if not ClearanceRequest.objects.exists():
        clearance_request(
            requester=users["luottamushenkilo"],
            preparer=unit_manager,
            matter="Kirjastoverkon selvitys",
            document="Valmisteluasiakirja: lähikirjastojen aukioloajat 2027",
            draft_text=(
                "Lähikirjastojen aukioloista valmistellaan esitystä. Omana näkemyksenäni "
                "toivon, että kirjastot pysyvät auki iltaisin."
            ),
        )
    return added
