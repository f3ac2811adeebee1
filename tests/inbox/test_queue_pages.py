"""The inbox's lists come in pages of 25 (a row is a card of about 300 px at 390 px): page
links keep the filters and the sort, work as plain links and with htmx, and say where the
reader is, in fi/sv/en."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.inbox.views import QUEUE_PAGE_SIZE
from tests.inbox.conftest import World

WORDS = {
    "fi": ("Sivu 2 / 3", "Edellinen", "Seuraava", "Ensimmäinen sivu", "Viimeinen sivu"),
    "sv": ("Sida 2 av 3", "Föregående", "Nästa", "Första sidan", "Sista sidan"),
    "en": ("Page 2 of 3", "Previous", "Next", "First page", "Last page"),
}
MESSAGES = 2 * QUEUE_PAGE_SIZE + 10


@pytest.fixture
def crowded(world: World) -> World:
    received = timezone.now() - timedelta(hours=1)
    items = [
        IncomingMessage(
            channel=world.channel, external_id=f"q-{n}", kind="comment",
            text=f"Milloin kirjasto {n} aukeaa?", received_at=received,
        )
        for n in range(MESSAGES)
    ]  # fmt: skip
    message_ingest(actor=None, items=items)
    return world


def _get(world: World, language: str, url: str, **headers: str) -> str:
    client = Client()
    client.force_login(world.updater)
    client.cookies["someluotsi_language"] = language
    response = client.get(url, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _rows(page: str) -> int:
    return page.count('<th scope="row">')


def test_the_page_size_is_sensible() -> None:
    assert 10 <= QUEUE_PAGE_SIZE <= 30


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_queue_comes_in_pages_with_labels_in_the_readers_language(
    crowded: World, language: str
) -> None:
    first = _get(crowded, language, "/inbox/?status=open")
    assert _rows(first) == QUEUE_PAGE_SIZE
    assert f"{MESSAGES}" in first  # the caption counts every message, not the page's
    second = _get(crowded, language, "/inbox/?status=open&page=2")
    assert _rows(second) == QUEUE_PAGE_SIZE
    for word in WORDS[language]:
        assert word in second, word
    last = _get(crowded, language, "/inbox/?status=open&page=3")
    assert _rows(last) == MESSAGES - 2 * QUEUE_PAGE_SIZE


def test_page_links_keep_the_filters_and_the_sort(crowded: World) -> None:
    url = f"/inbox/?status=open&channel={crowded.channel.pk}&sort=received&page=2"
    page = _get(crowded, "en", url)
    pager = page[page.index('class="pager"') :]
    links = re.findall(r'href="\?([^"]*)"', pager)
    assert links, pager
    for link in links:
        assert "status=open" in link
        assert f"channel={crowded.channel.pk}" in link
        assert "sort=received" in link
        assert link.count("page=") == 1
    assert 'rel="prev"' in pager
    assert 'rel="next"' in pager
    assert 'aria-current="page"' in pager


def test_a_page_link_swaps_the_table_alone_with_htmx_and_moves_the_focus_there(
    crowded: World,
) -> None:
    page = _get(crowded, "en", "/inbox/?status=open&page=2", HTTP_HX_REQUEST="true")
    assert "<h1>" not in page  # the table and its pager only
    assert _rows(page) == QUEUE_PAGE_SIZE
    assert 'hx-target="#queue-results"' in page
    assert 'hx-push-url="true"' in page
    assert re.search(r"<caption[^>]*autofocus", page)
    # A full page load leaves the focus where the browser puts it.
    full = _get(crowded, "en", "/inbox/?status=open&page=2")
    assert not re.search(r"<caption[^>]*autofocus", full)


def test_a_page_out_of_range_shows_the_last_page(crowded: World) -> None:
    page = _get(crowded, "en", "/inbox/?status=open&page=99")
    assert _rows(page) == MESSAGES - 2 * QUEUE_PAGE_SIZE


def test_the_escalations_list_has_page_links_too(world: World) -> None:
    """Its pages after the first had no link at all."""
    received = timezone.now() - timedelta(hours=1)
    items = [
        IncomingMessage(
            channel=world.channel, external_id=f"t-{n}", kind="comment",
            text=f"Ammun sinut {n}, kirjastonhoitaja, tiedän missä asut.", received_at=received,
        )
        for n in range(QUEUE_PAGE_SIZE + 1)
    ]  # fmt: skip
    message_ingest(actor=None, items=items, auto_escalate=True)
    client = Client()
    client.force_login(world.supervisor)
    page = html.unescape(client.get("/inbox/escalations/?status=").content.decode())
    assert page.count('<th scope="row">') == QUEUE_PAGE_SIZE
    pager = page[page.index('class="pager"') :]
    assert 'rel="next"' in pager
    assert "status=&page=2" in pager or "status=&amp;page=2" in pager
    second = html.unescape(client.get("/inbox/escalations/?status=&page=2").content.decode())
    assert second.count('<th scope="row">') == 1
