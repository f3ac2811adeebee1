"""Password rules beyond Django's own: a password may not be the person's name; and every
rule's help text and refusal worded in Someluotsi's own catalogue (fi, sv, en).

Django's Finnish catalogue lacks the minimum length's refusal ("This password is too short"),
so under Finnish it showed in English; and its attribute refusal reads badly in Finnish ("liian
lähellä kohdetta sukunimi"). The validators here word those themselves, at the time they are
shown (gettext/ngettext inside the methods, never at import), in the reader's language.

Django's UserAttributeSimilarityValidator compares the password with each attribute (and each
word of it) separately: "Tiina Rautio" is not similar enough to "Tiina" or to "Rautio" alone,
so a person's full name passed. NameSimilarityValidator also compares it with the full name,
written with and without spaces and either way round ("Tiina Rautio", "TiinaRautio",
"Rautio Tiina").
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from django.contrib.auth.password_validation import (
    MinimumLengthValidator as DjangoMinimumLengthValidator,
)
from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def name_forms(user: Any) -> list[str]:
    """The person's full name as people write it into passwords, lower-cased; [] without one."""
    first = str(getattr(user, "first_name", "") or "").strip().lower()
    last = str(getattr(user, "last_name", "") or "").strip().lower()
    if not first or not last:
        return []
    return [f"{first} {last}", f"{last} {first}", f"{first}{last}", f"{last}{first}"]


class NameSimilarityValidator(UserAttributeSimilarityValidator):
    """Django's attribute check (username, first and last name, e-mail) plus the full name;
    the refusal names the attribute (its field label, in the reader's language)."""

    def get_error_message(self) -> str:
        # Django fills %(verbose_name)s with the field's label ("last name", "sukunimi").
        return _("The password is too similar to this information of yours: %(verbose_name)s.")

    def validate(self, password: str, user: Any = None) -> None:
        super().validate(password, user)
        if user is None:
            return
        given = password.lower()
        for name in name_forms(user):
            matcher = SequenceMatcher(a=given, b=name)
            if matcher.quick_ratio() >= self.max_similarity and (
                matcher.ratio() >= self.max_similarity
            ):
                raise ValidationError(
                    _("The password is too similar to your name."), code="password_too_similar"
                )

    def get_help_text(self) -> str:
        return str(_("Your password can't be too similar to your name or other information."))


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's minimum length (settings: 12 characters), its help text and refusal worded in
    Someluotsi's catalogue: Django's Finnish catalogue has no translation of the refusal."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
