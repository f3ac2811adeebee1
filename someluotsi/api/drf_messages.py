"""Django REST framework's error messages that its own Finnish and Swedish catalogues lack.

An API error answers in one language, the request's: its message is ours ("Pyyntö ei ole
kelvollinen.") and its details are often DRF's field errors, so a DRF message without a
translation ("Datetime value out of range.") would leave English inside a Finnish answer. The
ids are marked here so that makemessages keeps them in locale/*/django.po, which Django reads
before DRF's own catalogue; tests/api/test_error_language.py checks every DRF error message
translates. Nothing imports this module: the marks are for makemessages only."""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

DRF_MESSAGES = (
    gettext_noop("A valid biginteger is required."),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("Integer value too large to convert to float"),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid input."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("This dictionary may not be empty."),
)
DRF_PLURAL_MESSAGES = (
    ngettext_lazy(
        "Expected available in {wait} second.", "Expected available in {wait} seconds.", 1
    ),
)
