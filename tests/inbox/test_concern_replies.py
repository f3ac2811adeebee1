"""A message about a crisis, a child-welfare concern or another concern keeps the concern's
reply when it is stored with its due time: the reply triage chose (where help is: 112, the
crisis line, a child welfare notification), never the generic "personal matter" template of
its category. Through the ingestion service and through the API and the message page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.guideline.messages.triage import (
    CONCERNS,
    TriageCategory,
    compose_reply,
    triage,
)
from someluotsi.inbox.models import Message
from tests.inbox.conftest import World

# The generic reply of a sensitive message, in each language (data/triage/replies.toml).
GENERIC = {
    "fi": "henkilökohtaisia asioita somessa",
    "sv": "personliga ärenden i sociala medier",
    "en": "personal matters on social media",
}

# (text, language, topic or "", phrases the stored reply must hold)
CASES = [
    # Thoughts of suicide: the emergency number and the crisis line.
    ("En jaksa enää elää, kukaan ei välitä.", "fi", "crisis", ["112", "09 2525 0111"]),
    ("Orkar inte leva längre, ingen bryr sig.", "sv", "crisis", ["112", "09 2525 0112"]),
    ("I can't go on living anymore, nobody cares.", "en", "crisis", ["112", "09 2525 0111"]),
    # A child left alone: where to report a child-welfare concern.
    (
        "Naapurin lapset ovat olleet kolme päivää yksin kotona ilman ruokaa.",
        "fi",
        "child_welfare",
        ["112", "lastensuojeluilmoitus"],
    ),
    (
        "Grannens barn har lämnats ensamma i tre dagar utan mat.",
        "sv",
        "child_welfare",
        ["112", "barnskyddsanmälan"],
    ),
    (
        "The kids next door have been left alone for three days without food.",
        "en",
        "child_welfare",
        ["112", "child welfare notification"],
    ),
    # Someone not seen for days: 112 now.
    ("Naapuri ei ole avannut oveaan kolmeen päivään", "fi", "welfare_check", ["112"]),
    # A plain personal matter still gets the generic reply.
    (
        "Haen toimeentulotukea mutta hakemukseni on jumissa, velkani kasvavat.",
        "fi",
        "",
        [GENERIC["fi"]],
    ),
    (
        "Jag har ansökt om utkomststöd men min ansökan har fastnat och mina skulder växer.",
        "sv",
        "",
        [GENERIC["sv"]],
    ),
    (
        "I applied for income support but my application is stuck and my debts are growing.",
        "en",
        "",
        [GENERIC["en"]],
    ),
]


def _assert_reply(reply: str, language: str, topic: str, phrases: list[str]) -> None:
    for phrase in phrases:
        assert phrase in reply, reply
    if topic:
        assert GENERIC[language] not in reply, reply


@pytest.mark.parametrize(("text", "language", "topic", "phrases"), CASES)
def test_ingested_message_keeps_its_concern_reply_when_it_has_a_due_time(
    world: World, text: str, language: str, topic: str, phrases: list[str]
) -> None:
    message = world.ingest(text)
    assert message.category == "sensitive"
    assert message.language == language
    assert message.due_at is not None  # the reply was composed again with the due time
    _assert_reply(message.suggested_reply, language, topic, phrases)
    # The stored reply is the one triage chose.
    assert message.suggested_reply == triage(text).reply


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        ("Voisitteko poistaa kuvan, jossa lapseni näkyy? Emme antaneet lupaa.", "fi",
         "removal_request"),
        ("Radera alla mina personuppgifter ur ert register.", "sv", "data_request"),
        ("Min granne har fallit och andas inte, vad ska jag göra?", "sv", "emergency"),
        ("The back door of the youth centre is left unlocked every night.", "en", "security_gap"),
    ],
)  # fmt: skip
def test_ingested_message_keeps_the_reply_of_other_concerns(
    world: World, text: str, language: str, topic: str
) -> None:
    """Concerns that make a message a question (a take-down or data request) or keep it
    feedback (an emergency told, a security gap) keep their reply too."""
    sorted_message = triage(text)
    assert sorted_message.topic == topic
    message = world.ingest(text)
    assert message.language == language
    assert message.due_at is not None
    assert message.suggested_reply == sorted_message.reply


@pytest.mark.parametrize("concern", sorted(CONCERNS))
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compose_reply_with_a_concern_gives_the_concerns_reply_whatever_the_category(
    concern: str, language: str
) -> None:
    reply, topic = compose_reply(
        "Mikä tahansa teksti",
        TriageCategory.SENSITIVE,
        language,
        feedback_url="https://palaute.example",
        replies={"sensitive": {language: "Oma malli"}},
        answer_by="tänään klo 16 mennessä",
    )
    assert topic == ""
    assert reply == "Oma malli"
    reply, topic = compose_reply(
        "Mikä tahansa teksti",
        TriageCategory.SENSITIVE,
        language,
        feedback_url="https://palaute.example",
        replies={"sensitive": {language: "Oma malli"}},
        answer_by="tänään klo 16 mennessä",
        concern=concern,
    )
    assert topic == concern
    assert reply
    assert reply != "Oma malli"
    assert "{" not in reply


@pytest.mark.parametrize(("text", "language", "topic", "phrases"), CASES)
def test_api_ingested_message_shows_its_concern_reply_on_the_message_page(
    world: World,
    make_user: Callable[..., User],
    text: str,
    language: str,
    topic: str,
    phrases: list[str],
) -> None:
    api = APIClient()
    api.force_authenticate(make_user(Role.SERVICE_ACCOUNT))
    received_at = (timezone.now() - timedelta(minutes=5)).isoformat()
    response = api.post(
        "/api/v1/messages",
        [
            {
                "channel": world.channel.pk,
                "external_id": "t1",
                "kind": "comment",
                "received_at": received_at,
                "text": text,
            }
        ],
        format="json",
    )
    assert response.status_code == 201, response.json()
    message = Message.objects.get(pk=response.json()["created"][0])
    assert message.due_at is not None
    _assert_reply(message.suggested_reply, language, topic, phrases)
    client = Client()
    client.force_login(world.mavi)
    page = client.get(f"/inbox/{message.pk}/")
    assert page.status_code == 200
    # The reply box starts from the suggested reply.
    box = re.search(r'<textarea name="reply"[^>]*>(.*?)</textarea>', page.content.decode(), re.S)
    assert box is not None
    _assert_reply(unescape(box.group(1)), language, topic, phrases)
