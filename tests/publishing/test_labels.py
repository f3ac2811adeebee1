"""Small wording fixes found by a tester: the hub's e-mail button reads "Share by e-mail"
(fi, sv, en), the publishing filters' empty choice reads "All" like the others, and a
channel on a platform whose name has brackets is not named with nested brackets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from someluotsi.channels.models import Channel
from someluotsi.publishing.models import Post
from tests.publishing.conftest import World
from tests.publishing.test_pages import _published_shareable

EMAIL_BUTTON = {"fi": "Jaa sähköpostilla", "sv": "Dela via e-post", "en": "Share by e-mail"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_e_mail_share_button_reads_by_e_mail(
    world: World, make_post: Callable[..., Post], language: str
) -> None:
    _published_shareable(world, make_post)
    client = Client()
    client.force_login(world.employee)
    client.cookies["someluotsi_language"] = language
    page = client.get(reverse("publishing:hub")).content.decode()
    assert EMAIL_BUTTON[language] in page
    assert "Share on E-mail" not in page
    assert "Dela på E-post" not in page


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_publishing_filter_offers_all(world: World, language: str) -> None:
    client = Client()
    client.force_login(world.mavi)
    client.cookies["someluotsi_language"] = language
    page = client.get("/publishing/").content.decode()
    assert "---------" not in page
    with translation.override(language):
        everything = translation.gettext("All")
    assert page.count(f">{everything}</option>") >= 4


def test_a_bracketed_platform_name_does_not_nest_brackets() -> None:
    channel = Channel(name="Kokkola Karleby", platform="x")
    assert channel.name_with_platform == "Kokkola Karleby (X, Twitter)"
    assert Channel(name="Kirjasto", platform="facebook").name_with_platform == (
        "Kirjasto (Facebook)"
    )
