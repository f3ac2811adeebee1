"""OpenAPI schema post-processing: every operation documents the API's one error shape for
the errors it can answer with, so that clients (and schemathesis) know them; and the schema is
generated in English (`EnglishSchemaGenerator`)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "description": "Stable machine-readable code."},
                "message": {"type": "string", "description": "For people, in their language."},
                "details": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Per field: the problems with that field.",
                },
            },
        }
    },
}
DESCRIPTIONS = {
    "400": "The request is not valid (the details name each field's problem).",
    "401": "No valid credentials were given.",
    "403": "The credentials do not allow this (or the role only reads).",
    "404": "No such object, or not one the caller may see.",
    "405": "The method is not allowed here.",
    "413": "The request body is over the size limit.",
    "429": "Too many requests; try again later.",
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for _method, operation in operations.items():
            codes = ["400", "401", "403", "404", "405"]
            if "requestBody" in operation:
                codes.append("413")
            if path.endswith("/auth/token"):
                codes.append("429")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code, {"description": DESCRIPTIONS[code], "content": reference}
                )
    return result


class EnglishSchemaGenerator(SchemaGenerator):
    """The schema in English whatever the default or the caller's language: field and enum
    descriptions come from translated labels ("`comment` - Comment", never "- Kommentti"),
    and a client's documentation is written once, in the language of its identifiers.
    SPECTACULAR_SETTINGS["DEFAULT_GENERATOR_CLASS"]; the page, `?lang=` and the
    `spectacular` command all go through it."""

    def get_schema(self, request: Any = None, public: bool = False) -> dict[str, Any]:
        with translation.override("en"):
            return dict(super().get_schema(request=request, public=public))  # type: ignore[no-untyped-call]
