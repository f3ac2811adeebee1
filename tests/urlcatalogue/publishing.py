"""Publishing's URLs (composer, posts, assets, calendar, ambassador hub, clearances)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from someluotsi.accounts.enums import Role
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


EXTENSIONS.append(_extend)

POST = lambda w: [{"post_id": w.extra["post"].pk}]  # noqa: E731 - a sample list
# No asset in the world (it needs an image file): a missing one still runs the view's checks.
ASSET = lambda w: [{"asset_id": 2**62}]  # noqa: E731

visit("publishing:calendar")
visit("publishing:calendar_view", samples=lambda w: [{"view": "month"}, {"view": "list"}])
visit("publishing:feed_settings", methods=GP)
visit("publishing:feed", samples=lambda w: [{"token": "not-a-token"}], page=False)
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
