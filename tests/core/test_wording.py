"""Every page and notification worded for its reader, in Finnish and Swedish, for every role:
no raw codes, rule ids outside <code>, Python objects, English left untranslated or doubled
words (tests/wording.py says what each of these is)."""

from __future__ import annotations

import dataclasses

import pytest
from django.conf import settings
from django.core import mail
from django.db import models
from django.test import Client
from django.utils import translation

from someluotsi.accounts.models import User
from someluotsi.demo import load as demo
from someluotsi.inbox.enums import EscalationStatus, MessageStatus, Resolution
from someluotsi.notifications.models import Notification
from tests.site_crawl import crawl
from tests.wording import html_problems, text_problems

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_page_and_notification_is_worded_for_its_reader(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Everyone reads this language from the start, so the demo's notifications are in it too.
    users = tuple(dataclasses.replace(spec, language=language) for spec in demo.USERS)
    monkeypatch.setattr(demo, "USERS", users)
    demo.demo_load()
    problems: list[str] = []
    pages = 0
    for spec in users:
        user = User.objects.get(username=spec.username)
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for page in crawl(client):
            if page.html:
                pages += 1
                where = f"{spec.username} {page.url}"
                problems += [
                    f"{where}: {problem}" for problem in html_problems(page.html, language)
                ]
    notifications = Notification.objects.select_related("recipient")
    for notification in notifications:
        for text in (notification.subject, notification.body):
            where = f"notification {notification.pk} to {notification.recipient.username}"
            problems += [f"{where}: {p}" for p in text_problems(text, language)]
    for email in mail.outbox:
        for part in (email.subject, email.body):
            found = text_problems(str(part), language)
            problems += [f"e-mail “{email.subject}”: {p}" for p in found]
    assert pages > 50
    assert notifications.count() > 5
    assert problems == [], "\n".join(problems)


# Status words are adjectives or participles, never the verb on a button ("Avaa", "Öppna").
VERBS = {"fi": {"Avaa", "Sulje", "Vastaa"}, "sv": {"Öppna", "Stäng", "Svara"}}


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("choices", [MessageStatus, EscalationStatus, Resolution])
def test_status_words_are_not_verbs(language: str, choices: type[models.TextChoices]) -> None:
    with translation.override(language):
        labels = {str(label) for label in choices.labels}
    assert not labels & VERBS[language]


def test_the_checker_finds_what_it_should() -> None:
    """The detector itself: each kind of problem is found, clean text passes."""
    assert html_problems("<p>message.viewed</p>", "fi")
    assert not html_problems("<p><code>message.viewed</code></p>", "fi")
    assert html_problems("<p>Sääntö privacy-011 osui</p>", "fi")
    assert not html_problems("<p>Sääntö <code>privacy-011</code></p>", "fi")
    assert html_problems("<td>{'format': 'view'}</td>", "sv")
    assert html_problems("<td>&lt;Channel: Kirjasto&gt;</td>", "fi")
    assert html_problems("<dd>Besvarad (Besvarad)</dd>", "sv")
    assert html_problems("<dd>None</dd>", "fi")
    assert html_problems("<button>Open again</button>", "fi")
    assert not html_problems('<p lang="en">Open again</p>', "fi")
    assert not html_problems("<p>Avaa uudelleen · kokkola.fi · www.kokkola.fi/x.html</p>", "fi")
    assert not html_problems("<textarea>Open again</textarea>", "fi")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_language_switcher_names_each_language_in_itself(language: str) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/accounts/login/").content.decode()
    switcher = page.split('id="language-select"')[1].split("</select>")[0]
    assert '<option value="fi" lang="fi"' in switcher
    for name in ("suomi", "svenska", "English"):
        assert f">{name}</option>" in switcher
    assert "englanti" not in switcher
    assert "engelska" not in switcher


def test_english_dates_are_day_first_with_the_24_hour_clock() -> None:
    """English in Finland: not the American 11/30/2026 2:30 a.m."""
    from datetime import date, datetime, time

    from django.template import Context, Template
    from django.utils import translation

    moment = date(2026, 11, 30)  # a date and a naive time: no zone to convert
    moment = datetime.combine(moment, time(14, 30))
    template = Template(
        '{{ d|date:"SHORT_DATETIME_FORMAT" }}|{{ d|date:"DATETIME_FORMAT" }}|{{ d|date }}'
    )
    with translation.override("en"):
        short, long, plain = template.render(Context({"d": moment})).split("|")
    assert short == "30 Nov 2026 14:30"
    assert long == "30 November 2026 14:30"
    assert plain == "30 November 2026"


def test_a_language_is_named_in_the_readers_language() -> None:
    from someluotsi.core.templatetags.ui import language_name

    names = {}
    for reader in ("fi", "sv", "en"):
        with translation.override(reader):
            names[reader] = language_name("sv")
    assert names == {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"}
    assert language_name("") == "–"
    assert language_name("xx") == "xx"
