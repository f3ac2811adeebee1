"""Publishing's URLs (composer, posts, assets, calendar, ambassador hub, clearances)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from someluotsi.accounts.enums import Role
from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.calendar import feed_token_create
from someluotsi.publishing.models import ClearanceRequest
from someluotsi.publishing.services import PostInput, post_create
from tests.urlcatalogue import visit
from tests.urlcatalogue.world import EXTENSIONS, World

GP = ("GET", "POST")


def _extend(world: World) -> None:
    world.extra["post"] = post_create(
        actor=world.user(Role.UPDATER),
        data=PostInput(
            title="Kirjasto aukeaa",
            text="Kirjasto on auki maanantaina. Tervetuloa!",
            text_sv="Biblioteket är öppet på måndag. Välkommen!",
            channels=[world.channel],
            scheduled_at=timezone.now() + timedelta(days=2),
        ),
    )
    world.extra["clearance"] = ClearanceRequest.objects.create(
        requester=world.user(Role.ELECTED),
        preparer=world.user(Role.MAVI),
        matter="Kirjaston aukioloajat",
        document="Kh 12/2026",
        draft_text="Kirjasto on auki myös lauantaisin.",
    )
    world.extra["feed_token"] = feed_token_create(user=world.user(Role.UPDATER))
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(picture, "JPEG")
    world.extra["asset"] = asset_create(
        actor=world.user(Role.UPDATER),
        upload=SimpleUploadedFile("kirjasto.jpg", picture.getvalue(), content_type="image/jpeg"),
        details=AssetDetails(
            title="Kirjaston lukusali",
            alt_text="Kirjaston lukusali aamulla, pitkät pöydät ja ikkunat.",
            photographer="Kaupungin viestintä",
            licence="city",
            consent="no_people",
        ),
    )


EXTENSIONS.append(_extend)

POST = lambda w: [{"post_id": w.extra["post"].pk}]  # noqa: E731 - a sample list
# The world's image (the updater's, in the library) and one that does not exist.
ASSET = lambda w: [{"asset_id": w.extra["asset"].pk}, {"asset_id": 2**62}]  # noqa: E731

visit("publishing:calendar")
visit("publishing:calendar_view", samples=lambda w: [{"view": "month"}, {"view": "list"}])
visit("publishing:feed_settings", methods=GP)
visit(
    "publishing:feed",
    samples=lambda w: [{"token": w.extra["feed_token"]}, {"token": "not-a-token"}],
    page=False,
    note="the updater's calendar feed: the token is the key, whoever presents it",
)
visit("publishing:compose", methods=GP)
visit("publishing:compose_check", methods=("POST",), page=False)
visit("publishing:post", samples=POST, methods=GP)
visit("publishing:edit", samples=POST, methods=GP)
visit("publishing:action", samples=POST, methods=("POST",), page=False)
visit("publishing:assets", methods=GP)
visit("publishing:asset", samples=ASSET, methods=GP)
visit("publishing:asset_file", samples=ASSET, page=False)
visit("publishing:asset_thumb", samples=ASSET, page=False)
visit("publishing:channels", methods=GP)
visit("publishing:campaigns", methods=GP)
visit("publishing:hub")
visit("publishing:share", samples=POST, methods=GP, page=False, note="htmx fragment")
visit(
    "publishing:share_go",
    samples=lambda w: [{"post_id": w.extra["post"].pk, "platform": "facebook"}],
    page=False,
)
visit("publishing:clearances", methods=GP)
visit(
    "publishing:clearance",
    samples=lambda w: [{"clearance_id": w.extra["clearance"].pk}],
    methods=GP,
)
