"""Wrong JSON shapes worded by the product: an object where a list belongs, a list where an
object belongs, a string where an id belongs.

Django REST framework words these itself, in its own terms and with Python's type names
("Invalid data. Expected a dictionary, but got list.", in Finnish "Odotettiin sanakirjaa,
saatiin tyyppi list."). `install` (CoreConfig.ready) gives its serializers and fields the
product's messages instead, in the caller's language and in JSON's terms: "Expected a JSON
object ({…}) here, but got a list." DRF formats a message with `.format(datatype=…)` or
`.format(input_type=…)`; `ShapeMessage` takes that call and names the JSON type.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import fields, relations, serializers

__all__ = ("ShapeMessage", "install", "json_type_words")


def json_type_words(python_type: str) -> str:
    """What a caller sent, in JSON's terms and the active language, from the Python type's
    name DRF passes ("list" → "a list", "NoneType" → "null")."""
    if python_type == "list":
        return _("a list")
    if python_type in ("dict", "OrderedDict", "ReturnDict", "QueryDict"):
        return _("an object")
    if python_type == "str":
        return _("a string")
    if python_type == "bool":
        return _("true or false")
    if python_type in ("int", "float", "Decimal"):
        return _("a number")
    if python_type == "NoneType":
        return "null"
    return python_type


class ShapeMessage:
    """A DRF error message template that DRF formats with a Python type's name: the product's
    sentence (lazy, with "%(got)s") with that type named in JSON's terms."""

    def __init__(self, template: Promise) -> None:
        self.template = template

    def format(self, **kwargs: Any) -> str:
        """The sentence in the active language; DRF passes one keyword: the type's name."""
        got = next((str(value) for value in kwargs.values()), "")
        return str(self.template) % {"got": json_type_words(got)}

    def __str__(self) -> str:
        return self.format()


OBJECT_EXPECTED = ShapeMessage(gettext_lazy("Expected a JSON object ({…}) here, but got %(got)s."))
LIST_EXPECTED = ShapeMessage(gettext_lazy("Expected a JSON list ([…]) here, but got %(got)s."))
ID_EXPECTED = ShapeMessage(gettext_lazy("Expected an id (a whole number) here, but got %(got)s."))


def install() -> None:
    """Give DRF's serializers and fields the product's wrong-shape messages (once, at start:
    a field copies its class's messages when it is made)."""
    shapes: list[tuple[type[Any], str, ShapeMessage]] = [
        (serializers.Serializer, "invalid", OBJECT_EXPECTED),
        (serializers.ListSerializer, "not_a_list", LIST_EXPECTED),
        (fields.ListField, "not_a_list", LIST_EXPECTED),
        (fields.MultipleChoiceField, "not_a_list", LIST_EXPECTED),
        (relations.ManyRelatedField, "not_a_list", LIST_EXPECTED),
        (fields.DictField, "not_a_dict", OBJECT_EXPECTED),
        (relations.PrimaryKeyRelatedField, "incorrect_type", ID_EXPECTED),
    ]
    for cls, key, message in shapes:
        messages: dict[str, Any] = cls.default_error_messages
        messages[key] = message
