"""A password may not be the person's own name: the full name, with or without spaces and
either way round, is refused like a first or last name alone (Django checks only those)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from someluotsi.accounts.models import User

REFUSED = ["Tiina Rautio", "tiinarautio", "Rautio Tiina", "TiinaRautio1", "Tiina.Rautio"]
ACCEPTED = ["Correct-Horse-Battery-42", "Rautatieasema-Tiistai-7"]
WORDS = {"fi": "nimeäsi", "sv": "ditt namn", "en": "your name"}


def _person() -> User:
    return User(username="tyosuojelu", first_name="Tiina", last_name="Rautio", email="t@x.invalid")


@pytest.mark.parametrize("password", REFUSED)
def test_the_full_name_is_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password, _person())


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_refusal_says_why_in_the_readers_language(language: str) -> None:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        validate_password("Tiina Rautio", _person())
    assert WORDS[language] in " ".join(caught.value.messages)


@pytest.mark.parametrize("password", ACCEPTED)
def test_other_passwords_pass(password: str) -> None:
    validate_password(password, _person())
