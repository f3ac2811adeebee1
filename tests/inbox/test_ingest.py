from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from someluotsi.accounts.access import INGEST_ROLES
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.audit.models import AuditEvent
from someluotsi.channels.models import Channel
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import IncomingMessage, message_ingest
from tests.factories import ChannelFactory, add_maintainer
from tests.helpers import run_concurrently


def _message(
    channel: Channel, external_id: str, text: str = "Miksi uimahalli on kiinni?"
) -> dict[str, Any]:
    return {
        "channel": channel.pk,
        "external_id": external_id,
        "kind": "comment",
        "text": text,
        "received_at": "2026-11-24T10:00:00+02:00",
        "author_handle": "@asukas",
    }


@pytest.fixture
def updater_and_channel(make_user: Callable[..., User]) -> tuple[User, Channel]:
    """A connector's service account (the deliverer of messages) and a channel."""
    user = make_user(Role.SERVICE_ACCOUNT)
    channel = ChannelFactory.create(platform="facebook")
    add_maintainer(channel, make_user(Role.UPDATER))
    return user, channel


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_single_message_is_stored_with_its_triage(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    response = _client(user).post("/api/v1/messages", _message(channel, "fb-1"), format="json")
    assert response.status_code == 201, response.json()
    message = Message.objects.get(pk=response.json()["created"][0])
    assert (message.platform, message.external_id) == ("facebook", "fb-1")
    assert message.category == "question"
    assert message.actions == ["reply"]
    assert message.suggested_reply.startswith("Kiitos kysymyksestä")
    # Tuesday 10:00 in Helsinki + 4 working hours.
    assert message.due_at is not None
    assert message.due_at.isoformat() == "2026-11-24T12:00:00+00:00"
    assert AuditEvent.objects.filter(action="messages.ingested").count() == 1


@pytest.mark.django_db
def test_bulk_ingestion_is_idempotent(updater_and_channel: tuple[User, Channel]) -> None:
    user, channel = updater_and_channel
    batch = [_message(channel, f"fb-{i}") for i in range(5)]
    first = _client(user).post("/api/v1/messages", batch, format="json").json()
    again = _client(user).post("/api/v1/messages", batch, format="json").json()
    assert len(first["created"]) == 5
    assert again == {"created": [], "duplicates": 5, "conflicts": []}
    assert Message.objects.count() == 5


@pytest.mark.django_db
def test_one_invalid_item_rejects_the_whole_batch(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    batch = [_message(channel, "fb-1"), {**_message(channel, "fb-2"), "received_at": "yesterday"}]
    response = _client(user).post("/api/v1/messages", batch, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_messages_for_unknown_channels_are_refused(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    payload = {**_message(channel, "x-1"), "channel": channel.pk + 1000}
    response = _client(user).post("/api/v1/messages", payload, format="json")
    assert response.status_code == 400
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_threat_is_triaged_for_escalation_and_the_police(
    updater_and_channel: tuple[User, Channel],
) -> None:
    user, channel = updater_and_channel
    payload = _message(channel, "fb-9", "Tapan sinut, tiedän missä asut.")
    created = _client(user).post("/api/v1/messages", payload, format="json").json()["created"]
    message = Message.objects.get(pk=created[0])
    assert message.category == "threat"
    assert message.priority == "urgent"
    assert "notify_police" in message.actions


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in Role if r not in INGEST_ROLES])
def test_only_service_accounts_and_the_mavi_team_ingest(
    make_user: Callable[..., User], role: Role
) -> None:
    """A unit manager, an updater of the very channel or anyone else cannot put made-up citizen
    messages into the inbox (they could raise threat escalations and storm alerts)."""
    channel = ChannelFactory.create()
    user = make_user(role)
    add_maintainer(channel, user)
    response = _client(user).post("/api/v1/messages", _message(channel, "fb-1"), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] in {"permission_denied", "read_only"}
    assert not Message.objects.exists()
    with pytest.raises(PermissionDeniedError):
        message_ingest(actor=user, items=[_incoming(channel)])


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(INGEST_ROLES))
def test_service_accounts_and_the_mavi_team_ingest(
    make_user: Callable[..., User], role: Role
) -> None:
    channel = ChannelFactory.create()
    response = _client(make_user(role)).post(
        "/api/v1/messages", _message(channel, "fb-1"), format="json"
    )
    assert response.status_code == 201


def _incoming(channel: Channel, received_at: datetime | None = None) -> IncomingMessage:
    return IncomingMessage(
        channel=channel,
        external_id="svc-1",
        kind="comment",
        text="Hei",
        received_at=received_at or timezone.now(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "received_at",
    [
        "0001-01-01T00:00:00+00:00",  # year 1
        "1999-12-31T23:59:59+02:00",
        "9999-12-31T23:59:59+00:00",
        "2100-01-01T00:00:00+00:00",
    ],
)
def test_impossible_receipt_times_are_refused(
    updater_and_channel: tuple[User, Channel], received_at: str
) -> None:
    user, channel = updater_and_channel
    payload = {**_message(channel, "fb-1"), "received_at": received_at}
    response = _client(user).post("/api/v1/messages", payload, format="json")
    assert response.status_code == 400, response.json()
    assert "received_at" in response.json()["error"]["details"]
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_impossible_times_from_connectors_too() -> None:
    """Connectors call the service in-process (actor=None): the bounds hold there as well."""
    channel = ChannelFactory.create()
    now = timezone.now()
    for when in (now + timedelta(hours=2), now - timedelta(days=366 * 3)):
        with pytest.raises(ApplicationError) as refused:
            message_ingest(actor=None, items=[_incoming(channel, when)])
        assert refused.value.code == "invalid_received_at"
    assert message_ingest(actor=None, items=[_incoming(channel, now - timedelta(minutes=5))])
    assert Message.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_message_posted_twice_at_once_creates_one_record(
    require_postgres: None, updater_and_channel: tuple[User, Channel]
) -> None:
    user, channel = updater_and_channel
    statuses = run_concurrently(
        lambda: (
            _client(user)
            .post("/api/v1/messages", _message(channel, "fb-race"), format="json")
            .status_code
        )
    )
    assert statuses == [201, 201, 201, 201]
    assert Message.objects.filter(external_id="fb-race").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", ""),
        ("text", "   \n\t "),
        ("text", 123),
        ("text", None),
        ("text", ["a"]),
        ("author_handle", 5),
        ("permalink", 5),
        ("received_at", "2026-11-24T10:00:00"),
    ],
)
def test_the_api_refuses_invalid_payloads_with_a_reason(
    updater_and_channel: tuple[User, Channel], field: str, value: object
) -> None:
    """Wrong types, empty texts and times without a zone are the caller's mistake: a 400
    naming the field, nothing stored."""
    user, channel = updater_and_channel
    response = _client(user).post(
        "/api/v1/messages", {**_message(channel, "fb-x"), field: value}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["details"][field]
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mark", ["\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202e", "\x07", "\x7f",
             "\x85", "\x1b[2J", "\u2028", "\x00"],
)  # fmt: skip
def test_a_control_character_in_one_connector_item_never_keeps_a_batch_out_of_the_inbox(
    mark: str,
) -> None:
    """Platform data a connector delivers (the service, connectors/ingest.py) is neutralised,
    never refused: one U+2067 must not keep a threat out."""
    channel = ChannelFactory.create(platform="facebook")
    received = timezone.now() - timedelta(minutes=5)
    message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=channel, external_id="fb-threat", kind="comment",
                text="Tapan teidät kaikki huomenna", received_at=received,
            ),
            IncomingMessage(
                channel=channel, external_id="fb-mark", kind="comment",
                text=f"Uimahalli {mark}kiinni", received_at=received, author_handle=f"{mark}a",
            ),
        ],
    )  # fmt: skip
    assert Message.objects.filter(external_id="fb-threat").exists()
    marked = Message.objects.get(external_id="fb-mark")
    assert marked.text.startswith("Uimahalli ")
    assert marked.text.endswith("kiinni")
    assert mark not in marked.text
    assert mark not in marked.author_handle
    assert marked.author_handle.endswith("a")


# The API's client types what it sends: its free-text fields refuse what the check API's text
# refuses (core.typed_text), with the same message naming the character and its position.
REFUSED_IN_EVERY_FIELD = {
    "fi": "näkymätön ohjausmerkki (U+001B) merkin 3 kohdalla",
    "sv": "osynligt styrtecken (U+001B) vid tecken 3",
    "en": "invisible control character (U+001B) at character 3",
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["text", "author_handle", "external_id", "parent_external_id"])
@pytest.mark.parametrize("mark", ["\x00", "\x1b", "\x07", "\x85", "\ufffe"])
def test_the_api_refuses_a_control_character_in_every_free_text_field(
    updater_and_channel: tuple[User, Channel], field: str, mark: str
) -> None:
    """ "ab\\u0000c" as an author handle was stored as "ab c" while the text refused it."""
    user, channel = updater_and_channel
    body = {**_message(channel, "fb-x"), field: f"ab{mark}c"}
    response = _client(user).post(
        "/api/v1/messages", body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert f"U+{ord(mark):04X}" in error["details"][field][0]
    assert "character 3" in error["details"][field][0]
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_refused_character_is_named_in_the_callers_language(
    updater_and_channel: tuple[User, Channel], language: str
) -> None:
    user, channel = updater_and_channel
    body = [_message(channel, "fb-1"), {**_message(channel, "fb-2"), "author_handle": "ab\x1bc"}]
    response = _client(user).post(
        "/api/v1/messages", body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert REFUSED_IN_EVERY_FIELD[language] in str(details)
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["author_handle", "external_id", "parent_external_id"])
@pytest.mark.parametrize("mark", ["\n", "\t", "\u202e", "\u2067", "\u2028"])
def test_a_one_line_field_refuses_line_breaks_and_direction_overrides(
    updater_and_channel: tuple[User, Channel], field: str, mark: str
) -> None:
    user, channel = updater_and_channel
    body = {**_message(channel, "fb-x"), field: f"ab{mark}c"}
    response = _client(user).post("/api/v1/messages", body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["details"][field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Teksti on liian pitkä: 100 001 merkkiä, enintään 100 000."),
        ("sv", "Texten är för lång: 100 001 tecken, högst 100 000."),
        ("en", "The text is too long: 100,001 characters, at most 100,000."),
    ],
)
def test_a_too_long_text_gets_the_products_own_message(
    updater_and_channel: tuple[User, Channel], language: str, words: str
) -> None:
    """The same words as /api/v1/check, never DRF's "Ensure this field has no more than…"."""
    user, channel = updater_and_channel
    body = _message(channel, "fb-long", "a" * 100_001)
    response = _client(user).post(
        "/api/v1/messages", body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    (said,) = response.json()["error"]["details"]["text"]
    assert said.replace("\u00a0", " ") == words


@pytest.mark.django_db
@pytest.mark.parametrize(
    "permalink",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript:alert(1)//facebook.com",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "ftp://www.facebook.com/x",
        "not a link",
        "www.facebook.com/kokkola",
        "//evil.example/x",
        'https://example.com/"><script>alert(1)</script>',
        "https://",
        "https://www.facebook.com:abc/",
    ],
)
def test_a_permalink_that_is_no_web_address_is_refused_naming_the_field(
    updater_and_channel: tuple[User, Channel], permalink: str
) -> None:
    """Only http and https addresses: "javascript:alert(1)" was stored and shown as "–"."""
    user, channel = updater_and_channel
    body = {**_message(channel, "fb-x"), "permalink": permalink}
    for language, words in [
        ("fi", "http- tai https-osoite"),
        ("sv", "http- eller https-adress"),
        ("en", "http or https address"),
    ]:
        response = _client(user).post(
            "/api/v1/messages", body, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 400, response.json()
        assert words in response.json()["error"]["details"]["permalink"][0]
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_the_same_id_with_another_text_is_a_conflict_not_a_silent_duplicate(
    updater_and_channel: tuple[User, Channel],
) -> None:
    """Two items with one external_id and different texts: the first is stored, the second
    reported by its place and id; the identical item again is an idempotent duplicate."""
    user, channel = updater_and_channel
    batch = [
        _message(channel, "fb-1", "Milloin kirjasto aukeaa?"),
        _message(channel, "fb-1", "Milloin uimahalli aukeaa?"),
        _message(channel, "fb-1", "Milloin kirjasto aukeaa?"),
    ]
    answer = (
        _client(user)
        .post("/api/v1/messages", batch, format="json", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert len(answer["created"]) == 1
    assert answer["duplicates"] == 1
    assert answer["conflicts"] == [
        {
            "index": 1,
            "external_id": "fb-1",
            "message": "Message 2 has the same external_id as message 1 but a different text; "
            "it was not stored. Give each message its own external_id.",
        }
    ]
    assert Message.objects.get().text == "Milloin kirjasto aukeaa?"
    again = _client(user).post("/api/v1/messages", batch[0], format="json").json()
    assert again == {"created": [], "duplicates": 1, "conflicts": []}
    other = (
        _client(user)
        .post("/api/v1/messages", batch[1], format="json", HTTP_ACCEPT_LANGUAGE="sv")
        .json()
    )
    assert other["created"] == []
    assert other["duplicates"] == 0
    assert other["conflicts"][0]["external_id"] == "fb-1"
    assert "redan sparat med en annan text" in other["conflicts"][0]["message"]
    finnish = (
        _client(user)
        .post("/api/v1/messages", batch[:2], format="json", HTTP_ACCEPT_LANGUAGE="fi")
        .json()
    )
    assert "Viestillä 2 on sama external_id kuin viestillä 1" in finnish["conflicts"][0]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("platform", "permalink", "kept"),
    [
        ("facebook", "https://www.facebook.com/kokkola/posts/1", True),
        ("facebook", "https://facebook.com/1", True),
        ("youtube", "https://youtu.be/abc", True),
        ("x", "https://twitter.com/kokkola/status/1", True),
        ("facebook", "http://www.facebook.com/kokkola/posts/1", False),
        ("facebook", "https://facebook.com.evil.example/1", False),
        ("facebook", "https://evil.example/?facebook.com", False),
        ("facebook", "https://user@evil.example@facebook.com/", False),
        ("instagram", "https://www.facebook.com/kokkola/posts/1", False),
        ("facebook", "/connectors/sandbox/items/1/", True),
    ],
)
def test_a_permalink_is_kept_only_on_the_platforms_own_domains(
    make_user: Callable[..., User], platform: str, permalink: str, kept: bool
) -> None:
    """Another site's address is dropped, the message kept (never linked out to)."""
    user = make_user(Role.SERVICE_ACCOUNT)
    channel = ChannelFactory.create(platform=platform)
    body = {**_message(channel, "m-1"), "permalink": permalink}
    response = _client(user).post("/api/v1/messages", body, format="json")
    assert response.status_code == 201, response.json()
    assert Message.objects.get(external_id="m-1").permalink == (permalink if kept else "")


@pytest.mark.django_db
def test_platform_data_is_neutralised_and_kept_a_media_only_comment_included(
    updater_and_channel: tuple[User, Channel],
) -> None:
    """What a connector delivers is never refused for its characters: flattened and kept."""
    _user, channel = updater_and_channel
    received = timezone.now() - timedelta(minutes=5)
    message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=channel, external_id="p-1", kind="comment",
                text="Hei\x1b[31m kaikki\nrivi \u202ekaksi", received_at=received,
                author_handle="a\nb\x1b[31m", parent_external_id="t\x00-1",
            ),
            IncomingMessage(
                channel=channel, external_id="p-2", kind="comment", text="",
                received_at=received, author_handle="\u202eadmin",
            ),
        ],
    )  # fmt: skip
    first = Message.objects.get(external_id="p-1")
    assert first.author_handle == "a b [31m"
    assert first.text == "Hei [31m kaikki\nrivi  kaksi"
    assert first.parent_external_id == "t -1"
    media_only = Message.objects.get(external_id="p-2")
    assert media_only.text == ""
    assert media_only.author_handle == "admin"


@pytest.mark.django_db
def test_a_stored_permalink_to_another_site_is_never_linked_to(
    make_user: Callable[..., User],
) -> None:
    """A permalink stored before the check (or by any other path) is not a link on the page."""
    user = make_user(Role.MAVI)
    channel = ChannelFactory.create(platform="facebook")
    message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=channel, external_id="old-1", kind="comment", text="Hei",
                received_at=timezone.now(), permalink="https://www.facebook.com/kokkola/posts/1",
            )
        ],
    )  # fmt: skip
    message = Message.objects.get()
    Message.objects.filter(pk=message.pk).update(permalink="https://evil.example/phish")
    client = Client()
    client.force_login(user)
    response = client.get(f"/inbox/{message.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Open on the platform" in page or "Avaa" in page or "Öppna" in page or "–" in page
    assert "evil.example" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200d", "\u00a0\n\u2060"])
def test_a_message_that_shows_nothing_is_stored_as_other(text: str) -> None:
    """A platform's media-only comment has no text (or only invisible characters): triage
    sorts it as "other" without checking it (the engine's `check` refuses a blank text),
    and the message is kept."""
    channel = ChannelFactory.create()
    incoming = IncomingMessage(
        channel=channel,
        external_id="blank-1",
        kind="comment",
        text=text,
        received_at=timezone.now() - timedelta(minutes=5),
    )
    assert message_ingest(actor=None, items=[incoming])
    message = Message.objects.get()
    assert message.category == "other"
    assert message.rule_ids == []
