"""POST /api/v1/messages: one message or a list; all valid or nothing stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, cast

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_can_ingest_messages
from someluotsi.api.limits import IdField
from someluotsi.api.permissions import IsSignedIn
from someluotsi.channels.models import Channel
from someluotsi.core.blank import is_blank
from someluotsi.core.oneline import OneLineSerializerField
from someluotsi.core.typed_text import StringChoiceField, api_text_check
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.inbox.enums import MessageKind
from someluotsi.inbox.permalinks import is_web_address
from someluotsi.inbox.services import IncomingMessage, message_ingest, received_at_problem

MAX_BATCH = 1000


class StrictCharField(serializers.CharField):
    """A string and nothing else: DRF's CharField would turn 123 or true into text."""

    default_error_messages: ClassVar[dict[str, Any]] = {"invalid": _("Not a valid string.")}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TypedTextField(StrictCharField):
    """A client's text under the typed-text policy (core.typed_text), as on the check API: a
    NUL, another control character (tab and line breaks excepted), a noncharacter or a lone
    surrogate is refused with the message that names it and its position, and a text over
    `max_length` with the product's own message ("The text is too long: 100 001 characters,
    at most 100 000."). Connectors deliver through the service, which neutralises instead."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        api_text_check(value, max_length=self.max_length)
        return value


class PermalinkField(StrictCharField):
    """An address on the web: an http or https URL (or a path on this site, the sandbox
    platform's items); anything else, a `javascript:` or `data:` address included, is refused
    with a 400 naming the field. An https address off the platform's domains is still dropped
    on storing, the message kept (inbox/permalinks.py)."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "not_web": _("Give an http or https address, e.g. https://www.facebook.com/…"),
    }

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        api_text_check(value, max_length=self.max_length)
        if value and not is_web_address(value):
            self.fail("not_web")
        return value


class AwareDateTimeField(serializers.DateTimeField):
    """A time with its zone: a naive time is refused, not read in the server's zone (a
    platform's UTC time read as Helsinki time would be three hours off)."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "naive": _("The time needs a time zone, e.g. 2026-03-01T09:00:00+02:00 or …Z."),
    }

    def enforce_timezone(self, value: datetime) -> datetime:
        if timezone.is_naive(value):
            self.fail("naive")
        return super().enforce_timezone(value)


class MessageInputSerializer(serializers.Serializer[dict[str, Any]]):
    channel = IdField()
    external_id = OneLineSerializerField(max_length=200)  # an identifier: refused, not mended
    kind = StringChoiceField(choices=MessageKind.choices)
    text = TypedTextField(allow_blank=True, trim_whitespace=False, max_length=MAX_CHARS)
    received_at = AwareDateTimeField()
    author_handle = OneLineSerializerField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    parent_external_id = OneLineSerializerField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    # An http(s) address or nothing; kept only on the channel platform's domains, any other
    # address is dropped on storing (inbox/permalinks.py), the message kept.
    permalink = PermalinkField(
        required=False, allow_blank=True, trim_whitespace=True, max_length=1000, default=""
    )
    language = StringChoiceField(choices=["fi", "sv", "en"], required=False)

    def validate_text(self, value: str) -> str:
        """A message says something: an empty text, or one that shows nothing (`is_blank`:
        spaces, zero-width and other invisible characters), is refused here, since a caller
        here types the message (a connector that stores a platform's media-only comment calls
        the service, which keeps it untriaged). Control characters were already refused
        (`TypedTextField`)."""
        if is_blank(value):  # spaces, zero-width and other invisible characters only
            raise serializers.ValidationError(_("The message has no text."))
        return value

    def validate_channel(self, value: int) -> int:
        if value not in self.context["channel_ids"]:
            raise serializers.ValidationError(_("Unknown channel."))
        return value

    def validate_received_at(self, value: datetime) -> datetime:
        problem = received_at_problem(value)
        if problem is not None:
            raise serializers.ValidationError(problem)
        return value


class IngestPermission(IsSignedIn):
    """Platform connectors' service accounts and the mavi team (accounts.access.INGEST_ROLES)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and user_can_ingest_messages(user=request.user)


class IngestConflictSerializer(serializers.Serializer[dict[str, Any]]):
    index = serializers.IntegerField(help_text="The item's place in the list, from 0.")
    external_id = serializers.CharField()
    message = serializers.CharField(help_text="Why it was not stored, in the caller's language.")


class IngestOutputSerializer(serializers.Serializer[dict[str, Any]]):
    created = serializers.ListField(child=serializers.IntegerField())
    duplicates = serializers.IntegerField(
        help_text="Items already stored with the same text (an idempotent re-send)."
    )
    conflicts = IngestConflictSerializer(
        many=True,
        help_text="Items not stored: their external_id is taken by a different text (earlier "
        "in the list or already stored).",
    )


class MessageIngestApi(APIView):
    """Only for the platform connectors' service accounts and the mavi team."""

    permission_classes = (IngestPermission,)

    @extend_schema(
        request=MessageInputSerializer(many=True),
        responses={201: IngestOutputSerializer},
        summary="Store and triage messages (one object or a list; idempotent)",
    )
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        channels: dict[int, Channel] = Channel.objects.in_bulk()
        many = isinstance(request.data, list)
        if many and len(request.data) > MAX_BATCH:
            raise serializers.ValidationError(
                {"non_field_errors": [_("At most %(n)s messages at a time.") % {"n": MAX_BATCH}]}
            )
        params = MessageInputSerializer(
            data=request.data, many=many, context={"channel_ids": set(channels)}
        )
        params.is_valid(raise_exception=True)
        rows = params.validated_data if many else [params.validated_data]
        items = [IncomingMessage(**{**row, "channel": channels[row["channel"]]}) for row in rows]
        result = message_ingest(actor=user, items=items)
        body = {
            "created": [m.pk for m in result.created],
            "duplicates": result.duplicates,
            "conflicts": [
                {"index": c.index, "external_id": c.external_id, "message": c.message}
                for c in result.conflicts
            ],
        }
        return Response(body, status=201)
