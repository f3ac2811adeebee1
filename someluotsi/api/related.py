"""Related objects named in an API body (a unit by its code, a user by their username) with a
sentence a person understands when the name matches nothing: "No unit with the code
“nope”." in the request's language, never DRF's "Object with code=nope does not exist." (or
its Finnish "Objektia (code=nope) ei ole.").

Every writable SlugRelatedField or PrimaryKeyRelatedField of the API is one of these;
tests/api/test_related_messages.py checks that none is left."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.utils.encoding import smart_str
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

M = TypeVar("M", bound=Model)

SHOWN_VALUE = 100  # a longer name is cut in the message (the request has it whole)


def shown_value(data: Any) -> str:
    """A client's value as a message quotes it: text, at most SHOWN_VALUE characters."""
    text = str(smart_str(data))
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


class NamedSlugRelatedField(serializers.SlugRelatedField[M]):
    """A SlugRelatedField whose refusal says what was looked for: `missing` is a sentence with
    %(value)s ("No unit with the code “%(value)s”."); a value that cannot be a name (a list,
    an object) is refused with `invalid`."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Give the name as text."),
    }

    def __init__(self, *, missing: Promise | str, **kwargs: Any) -> None:
        self.missing = missing
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> M:
        if isinstance(data, dict | list | bool) or data is None:
            self.fail("invalid")
        queryset = self.get_queryset()
        assert queryset is not None  # a writable field has its queryset  # noqa: S101
        try:
            found: M = queryset.get(**{self.slug_field: data})
        except ObjectDoesNotExist:
            raise serializers.ValidationError(
                str(self.missing) % {"value": shown_value(data)}, code="does_not_exist"
            ) from None
        except (TypeError, ValueError):
            self.fail("invalid")
        return found
