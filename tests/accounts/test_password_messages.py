"""Every password rule's help text and refusal reads in the reader's language on the page that
sets a password (the reset link's form; the admin's password change uses the same rules).

Django's Finnish catalogue has no translation of the minimum length's refusal, so under Finnish
it showed in English; Someluotsi words that rule (and the attribute-similarity refusal) in its
own catalogue (accounts.password_rules). Each case: a password, then a piece of the refusal in
fi, sv and en; no English rule text may show under fi or sv."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from someluotsi.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# (password, its confirmation or None for the same, the refusal in fi / sv / en)
REFUSALS: list[tuple[str, str | None, dict[str, str]]] = [
    (
        "Lyhyt-7",
        None,
        {
            "fi": "Salasana on liian lyhyt. Siinä on oltava vähintään 12 merkkiä.",
            "sv": "Lösenordet är för kort. Det måste innehålla minst 12 tecken.",
            "en": "This password is too short. It must contain at least 12 characters.",
        },
    ),
    (
        "rautio12345",
        None,
        {
            "fi": "Salasana on liian samankaltainen kuin tämä tietosi:",
            "sv": "Lösenordet liknar den här uppgiften om dig för mycket:",
            "en": "The password is too similar to this information of yours:",
        },
    ),
    (
        "Tiina Rautio",
        None,
        {"fi": "nimeäsi", "sv": "ditt namn", "en": "your name"},
    ),
    (
        "password1234",
        None,
        {
            "fi": "Tämä salasana on liian yleinen.",
            "sv": "Detta lösenord är alldeles för vanligt.",
            "en": "This password is too common.",
        },
    ),
    (
        "123456789012345",
        None,
        {
            "fi": "Tämä salasana on kokonaan numeerinen.",
            "sv": "Detta lösenord är enbart numeriskt.",
            "en": "This password is entirely numeric.",
        },
    ),
    (
        "Kirjastoauto-Talvi-42",
        "Kirjastoauto-Talvi-43",
        {
            "fi": "Salasanakentät eivät täsmänneet.",
            "sv": "De två lösenordsfälten stämmer inte överens.",
            "en": "The two password fields didn’t match.",
        },
    ),
]
HELP = {
    "fi": "Salasanassa on oltava vähintään 12 merkkiä.",
    "sv": "Lösenordet måste innehålla minst 12 tecken.",
    "en": "Your password must contain at least 12 characters.",
}
# English rule texts that must not show under fi or sv.
ENGLISH = re.compile(
    r"too short|too similar|too common|entirely numeric|didn’t match|must contain at least"
    r"|can’t be|can't be"
)


def _form(language: str) -> tuple[Client, str]:
    """A reader of `language` on the form their reset link opens (the address after the
    token is swapped for the session)."""
    person: User = UserFactory.create(
        first_name="Tiina", last_name="Rautio", preferred_language=language
    )
    client = Client()
    client.cookies["someluotsi_language"] = language
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    page = client.get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    assert page.status_code == 200
    return client, page.redirect_chain[-1][0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_help_texts_are_in_the_readers_language(language: str) -> None:
    client, url = _form(language)
    text = _text(client.get(url).content.decode())
    assert HELP[language] in text
    if language != "en":
        assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("password", "again", "refusal"), REFUSALS, ids=[case[0] for case in REFUSALS]
)
def test_each_refusal_is_in_the_readers_language(
    language: str, password: str, again: str | None, refusal: dict[str, str]
) -> None:
    client, url = _form(language)
    page = client.post(url, {"new_password1": password, "new_password2": again or password})
    assert page.status_code == 200  # refused: the form again
    text = _text(page.content.decode())
    assert refusal[language] in text
    if language != "en":
        assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_good_password_is_accepted(language: str) -> None:
    client, url = _form(language)
    good = "Kirjastoauto-Talvi-42"
    page = client.post(url, {"new_password1": good, "new_password2": good})
    assert page.status_code == 302
