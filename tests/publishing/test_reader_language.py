"""Publishing pages in the reader's language, from a tester's rounds in Swedish and English:

- the calendar writes a post's time as the rest of the app does ("klo 21.49", "kl. 21.49",
  "21:49"; core.times), not "21:49" in every language;
- an image's alt text is the Swedish one on a Swedish page when the asset has one, marked with
  its language when it is not the page's (the post, the library, the asset, the hub);
- the post's main text is named as the Finnish version beside the Swedish one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.publishing.assets import AssetDetails, asset_create
from someluotsi.publishing.models import Asset, Post
from tests.publishing.conftest import World, image_bytes

CLOCK = {"fi": "klo 09.05", "sv": "kl. 09.05", "en": "09:05"}
ALT_FI = "Uimahallin allas aamulla."
ALT_SV = "Simhallens bassäng på morgonen."
FINNISH_VERSION = {
    "fi": "Teksti (suomenkielinen versio)",
    "sv": "Text (finsk version)",
    "en": "Text (Finnish version)",
}
SWEDISH_VERSION = {"fi": "Ruotsinkielinen versio", "sv": "Svensk version", "en": "Swedish version"}


def _client(user: object, language: str) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("view", ["month", "week"])
def test_the_calendar_writes_a_posts_time_the_apps_way(
    world: World, make_post: Callable[..., Post], language: str, view: str
) -> None:
    day = timezone.localdate() + timedelta(days=3)
    when = timezone.make_aware(datetime.combine(day, time(9, 5)))
    make_post(scheduled_at=when)
    page = (
        _client(world.updater, language)
        .get(reverse("publishing:calendar_view", args=[view]), {"day": day.isoformat()})
        .content.decode()
    )
    assert f'<span class="cal-time">{CLOCK[language]}</span>' in page


def _asset(world: World, alt_sv: str = ALT_SV) -> Asset:
    details = AssetDetails(
        title="Uimahallin allas",
        alt_text=ALT_FI,
        alt_text_sv=alt_sv,
        photographer="Kaupungin viestintä",
        licence="city",
        consent="no_people",
    )
    upload = SimpleUploadedFile("kuva.jpg", image_bytes(), content_type="image/jpeg")
    return asset_create(actor=world.updater, upload=upload, details=details)


def _pages(world: World, post: Post, asset: Asset) -> list[str]:
    return [
        reverse("publishing:post", args=[post.pk]),
        reverse("publishing:assets"),
        reverse("publishing:asset", args=[asset.pk]),
    ]


def test_a_swedish_page_shows_the_swedish_alt_text(
    world: World, make_post: Callable[..., Post]
) -> None:
    asset = _asset(world)
    post = make_post(assets=[asset])
    client = _client(world.updater, "sv")
    for url in _pages(world, post, asset):
        page = client.get(url).content.decode()
        assert f'alt="{ALT_SV}"' in page, url
        assert f'alt="{ALT_FI}"' not in page, url


@pytest.mark.parametrize("language", ["fi", "en"])
def test_other_pages_show_the_finnish_alt_text_marked_finnish_where_it_is_not_the_pages(
    world: World, make_post: Callable[..., Post], language: str
) -> None:
    asset = _asset(world)
    post = make_post(assets=[asset])
    client = _client(world.updater, language)
    marked = f'alt="{ALT_FI}"' + (' lang="fi"' if language != "fi" else "")
    for url in _pages(world, post, asset):
        page = client.get(url).content.decode()
        assert marked in page, url
        assert ALT_SV not in page.split("<dl", 1)[0], url  # the facts list both, by name


def test_without_a_swedish_alt_text_a_swedish_page_gets_the_finnish_one_marked_finnish(
    world: World, make_post: Callable[..., Post]
) -> None:
    asset = _asset(world, alt_sv="")
    post = make_post(assets=[asset])
    page = _client(world.updater, "sv").get(reverse("publishing:post", args=[post.pk]))
    assert f'alt="{ALT_FI}" lang="fi"' in page.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_composer_and_the_post_name_the_finnish_version(
    world: World, make_post: Callable[..., Post], language: str
) -> None:
    client = _client(world.updater, language)
    composer = client.get(reverse("publishing:compose")).content.decode()
    assert f"{FINNISH_VERSION[language]} <span" in composer  # the label, then "(required)"
    assert 'lang="fi"' in composer.split('name="text"', 1)[1].split(">", 1)[0]
    post = make_post()
    page = client.get(reverse("publishing:post", args=[post.pk])).content.decode()
    assert f"<h3>{FINNISH_VERSION[language]}</h3>" in page
    assert f"<h3>{SWEDISH_VERSION[language]}</h3>" in page
    checked = client.post(
        reverse("publishing:compose_check"),
        {"text": post.text, "channels": [world.city.pk]},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert FINNISH_VERSION[language] in checked
