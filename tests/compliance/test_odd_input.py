"""The check page and the check API answer odd input alike (core.typed_text), in fi, sv and en.

- A NUL, another control character (C0 but tab/line feed/carriage return, DEL, C1), a
  noncharacter (U+FFFE, U+FFFF...) or a lone surrogate is refused with one message that names
  it, its code point and its position, on the page (in the user's language) and in the API
  (in the body's ui_language); a page never echoes such a character (HTML forbids them).
- An over-long text gets the product's own message naming its length and the limit.
- A choice given as a list ("ui_language": ["sv"]) is "must be a string", not DRF's error
  printing the list back.
- Every form and API text field shares the policy, not only the check page's.
- A platform's message a connector delivers (the service) is never refused for such
  characters; its page shows them as U+FFFD. The ingestion API's client types what it sends:
  its free-text fields refuse them with the check API's message.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.compliance.models import CheckRun
from someluotsi.core.blank import TextAreaFormField, TextSerializerField, VisibleTextSerializerField
from someluotsi.core.oneline import MultiLineFormField, OneLineFormField, OneLineSerializerField
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import IncomingMessage, message_ingest
from tests.factories import ChannelFactory, add_maintainer

LANGUAGES = ("fi", "sv", "en")
# What HTML forbids in a page's text and the policy refuses (core.typed_text).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)

# (text, the words the message has in fi, sv, en)
CASES = [
    (
        "Uimahalli\x00 aukeaa",
        (
            "NUL-merkki (U+0000) merkin 10 kohdalla",
            "NUL-tecken (U+0000) vid tecken 10",
            "NUL character (U+0000) at character 10",
        ),
    ),
    (
        "Kirjasto\x07 on auki",
        (
            "ohjausmerkki (U+0007) merkin 9 kohdalla",
            "styrtecken (U+0007) vid tecken 9",
            "control character (U+0007) at character 9",
        ),
    ),
    (
        "Biblioteket\x85 öppnar",
        (
            "ohjausmerkki (U+0085) merkin 12 kohdalla",
            "styrtecken (U+0085) vid tecken 12",
            "control character (U+0085) at character 12",
        ),
    ),
    (
        "The pool\ufffe opens",
        (
            "ei kuulu tekstiin (U+FFFE), merkin 9 kohdalla",
            "inte är avsett för text (U+FFFE) vid tecken 9",
            "not meant for text (U+FFFE) at character 9",
        ),
    ),
    (
        "x" * 100_001,
        (
            "Teksti on liian pitkä: 100\xa0001 merkkiä, enintään 100\xa0000.",
            "Texten är för lång: 100\xa0001 tecken, högst 100\xa0000.",
            "The text is too long: 100,001 characters, at most 100,000.",
        ),
    ),
]


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _api_text_error(client: APIClient, text: str, language: str) -> tuple[int, str]:
    body = json.dumps({"text": text, "ui_language": language})  # a surrogate as a JSON escape
    response = client.post("/api/v1/check", body, content_type="application/json")
    assert response.status_code < 500
    if response.status_code == 200:
        return 200, ""
    details = response.json()["error"]["details"]
    return response.status_code, " ".join(details.get("text", [])) or json.dumps(details)


def _page(client: Client, text: str) -> tuple[int, str]:
    response = client.post(reverse("compliance:check"), {"text": text, "role": "employee"})
    assert response.status_code < 500
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("text", "words"), CASES, ids=["nul", "c0", "c1", "nonchar", "long"])
def test_the_page_and_the_api_refuse_odd_input_with_the_same_message(
    client_for: Callable[..., Client],
    make_user: Callable[..., User],
    language: str,
    text: str,
    words: tuple[str, str, str],
) -> None:
    expected = words[LANGUAGES.index(language)]
    status, message = _api_text_error(_api(make_user(Role.EMPLOYEE)), text, language)
    assert status == 400
    assert expected in message, message
    page_status, page = _page(client_for(Role.EMPLOYEE, preferred_language=language), text)
    assert page_status == 200
    assert html.escape(message) in page, message  # word for word the API's message
    assert not FORBIDDEN.search(page)
    assert "\ufffd" in page or text.startswith("xxx")  # the re-filled draft shows where
    assert not CheckRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "yksinäinen korvausmerkin puolisko, U+D800) merkin 5"),
        ("sv", "ensamt surrogattecken, U+D800) vid tecken 5"),
        ("en", "lone surrogate, U+D800) at character 5"),
    ],
)
def test_the_api_refuses_a_lone_surrogate_by_name(
    make_user: Callable[..., User], language: str, words: str
) -> None:
    status, message = _api_text_error(_api(make_user(Role.EMPLOYEE)), "Moi!\ud800", language)
    assert status == 400
    assert words in message, message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Arvon pitää olla merkkijono, jokin näistä: fi, sv, en."),
        ("sv", "Värdet måste vara en sträng, något av fi, sv, en."),
        ("en", "Must be a string: one of fi, sv, en."),
    ],
)
@pytest.mark.parametrize("field", ["ui_language", "language"])
def test_a_list_where_a_language_is_wanted_is_not_a_string(
    make_user: Callable[..., User], language: str, words: str, field: str
) -> None:
    response = _api(make_user(Role.EMPLOYEE)).post(
        "/api/v1/check",
        {"text": "Moi", field: ["sv"]},
        format="json",
        headers={"accept-language": language},
    )
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert details[field] == [words]
    assert "['sv']" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", '"de" ei ole kelvollinen valinta: valitse jokin näistä: fi, sv, en.'),
        ("sv", '"de" är inget giltigt val: välj ett av fi, sv, en.'),
        ("en", '"de" is not a valid choice: one of fi, sv, en.'),
    ],
)
@pytest.mark.parametrize("field", ["ui_language", "language"])
def test_an_unknown_language_names_the_valid_ones(
    make_user: Callable[..., User], language: str, words: str, field: str
) -> None:
    """A string that is no choice is told the valid values (a fresh tester of stop 36: DRF's
    '"de" ei ole kelvollinen valinta.' named none)."""
    response = _api(make_user(Role.EMPLOYEE)).post(
        "/api/v1/check",
        {"text": "Moi", field: "de"},
        format="json",
        headers={"accept-language": language},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][field] == [words]


@pytest.mark.django_db
def test_a_list_where_a_role_is_wanted_names_the_roles(make_user: Callable[..., User]) -> None:
    response = _api(make_user(Role.EMPLOYEE)).post(
        "/api/v1/check", {"text": "Moi", "role": ["employee"]}, format="json"
    )
    assert response.status_code == 400
    (message,) = response.json()["error"]["details"]["role"]
    assert "employee, elected, organization, expert" in message


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_field_of_forms_and_apis_shares_the_policy(language: str) -> None:
    """Not only the check page: the composer's, reply's, note's and name's fields and the API's
    text fields give the same message for the same character."""
    value = "Kirjasto\x1b on auki"
    messages = set()
    with translation.override(language):
        for form_field in (
            TextAreaFormField(max_length=100),
            MultiLineFormField(max_length=100),
            OneLineFormField(max_length=100),
        ):
            with pytest.raises(Exception) as refused:  # noqa: PT011 - Django's or DRF's
                form_field.clean(value)
            messages.add(" ".join(refused.value.messages))  # type: ignore[attr-defined]
        for api_field in (
            TextSerializerField(max_length=100),
            VisibleTextSerializerField(max_length=100),
            OneLineSerializerField(max_length=100),
        ):
            with pytest.raises(Exception) as refused:  # noqa: PT011
                api_field.run_validation(value)
            messages.add(" ".join(str(m) for m in refused.value.detail))  # type: ignore[attr-defined]
    assert len(messages) == 1, messages
    assert "U+001B" in messages.pop()


ODD = st.characters(
    # no Cs: a page's UTF-8 cannot carry a lone surrogate (the API test above has them)
    whitelist_categories=("Cc", "Cn", "Co", "Ll", "Lu", "Nd", "Zs", "Po"),
) | st.sampled_from(["\x00", "\x07", "\x85", "\ufffe", "\uffff", "\U0010ffff", "\t", "\n"])


@pytest.mark.django_db
def test_any_text_gets_the_same_answer_on_the_page_and_in_the_api(
    client_for: Callable[..., Client], make_user: Callable[..., User]
) -> None:
    """Random strings with control characters: both paths accept or both refuse, with the
    same message; the page never holds a character HTML forbids; never a 500."""
    clients = {lang: client_for(Role.EMPLOYEE, preferred_language=lang) for lang in LANGUAGES}
    api = _api(make_user(Role.EMPLOYEE))

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.text(ODD, max_size=40), st.sampled_from(LANGUAGES))
    def both(text: str, language: str) -> None:
        status, message = _api_text_error(api, text, language)
        page_status, page = _page(clients[language], text)
        assert page_status == 200
        assert not FORBIDDEN.search(page)
        if status == 200:
            assert 'class="errorlist' not in page, text
        else:
            assert html.escape(message) in page, (text, message)

    both()


def _platform_setup(make_user: Callable[..., User]) -> tuple[User, User, int]:
    service = make_user(Role.SERVICE_ACCOUNT)
    reader = make_user(Role.UPDATER)
    channel = ChannelFactory.create(platform="facebook")
    add_maintainer(channel, reader)
    return service, reader, channel.pk


def _ingest(service: User, channel: int, text: str, language: str = "fi") -> Any:
    body = {
        "channel": channel,
        "external_id": "fb-odd-1",
        "kind": "comment",
        "text": text,
        "received_at": "2026-11-24T10:00:00+02:00",
    }
    return _api(service).post(
        "/api/v1/messages",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ingestion_api_refuses_odd_characters_as_the_check_api_does(
    make_user: Callable[..., User], language: str
) -> None:
    service, _reader, channel = _platform_setup(make_user)
    api = _api(make_user(Role.EMPLOYEE))
    for text in ("Milloin\ud800 kirjasto aukeaa?", "Milloin\ufffe aukeaa?", "Ab\x00c", "x\x85"):
        response = _ingest(service, channel, text, language)
        assert response.status_code == 400, response.content
        _status, check_says = _api_text_error(api, text, language)
        assert response.json()["error"]["details"]["text"] == [check_says]
    assert not Message.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_platforms_odd_characters_are_kept_and_shown_visibly(
    make_user: Callable[..., User], language: str
) -> None:
    """Never refused when a connector delivers (connectors/ingest.py, the service): a lone
    surrogate and a noncharacter become U+FFFD on storing, and a text stored before with
    control characters is shown with U+FFFD."""
    _service, reader, channel = _platform_setup(make_user)
    message_ingest(
        actor=None,
        items=[
            IncomingMessage(
                channel=Channel.objects.get(pk=channel),
                external_id="fb-odd-1",
                kind="comment",
                text="Milloin\ud800 kirjasto\ufffe aukeaa?",
                received_at=timezone.now(),
            )
        ],
    )
    message = Message.objects.get()
    assert message.text == "Milloin\ufffd kirjasto\ufffd aukeaa?"
    Message.objects.filter(pk=message.pk).update(text="Milloin\x07 kirjasto\x85\uffff aukeaa?")
    reader.preferred_language = language
    reader.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(reader)
    for url in (reverse("inbox:detail", args=[message.pk]), reverse("inbox:queue")):
        page = client.get(url).content.decode()
        assert not FORBIDDEN.search(page), url
        assert "Milloin\ufffd kirjasto\ufffd\ufffd aukeaa?" in page, url
