"""A clearance request's draft, updated on its page (a raw form value the view reads itself),
is refused for a NUL or a control character with the character and its position named, like
every typed text (core.typed_text.posted_text), and the saved draft is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from someluotsi.publishing.models import ClearanceRequest
from tests.publishing.conftest import World


def _client(user: object, language: str) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("draft", "code"), [("\x00", "U+0000"), ("Koulut\x07 ensi vuonna", "U+0007")]
)
def test_a_clearance_draft_with_a_refused_character_is_refused_and_the_draft_kept(
    world: World,
    django_capture_on_commit_callbacks: Callable[..., Any],
    language: str,
    draft: str,
    code: str,
) -> None:
    elected = _client(world.elected, language)
    with django_capture_on_commit_callbacks(execute=True):
        elected.post(
            reverse("publishing:clearances"),
            {
                "preparer_email": world.manager.email,
                "matter": "Kouluverkkoselvitys",
                "document": "Valmisteluasiakirja 12/2026",
                "draft_text": "Koulujen tulevaisuudesta keskustellaan.",
            },
        )
    item = ClearanceRequest.objects.get()
    url = reverse("publishing:clearance", args=[item.pk])
    page = elected.post(url, {"action": "draft", "draft_text": draft}, follow=True)
    shown = page.content.decode()
    assert code in shown
    item.refresh_from_db()
    assert item.draft_text == "Koulujen tulevaisuudesta keskustellaan."
