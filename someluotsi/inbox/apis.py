"""POST /api/v1/messages: one message or a list; all valid or nothing stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

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
from someluotsi.core.oneline import (
    MULTILINE_MESSAGE,
    OneLineSerializerField,
    has_control_characters,
)
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.inbox.enums import MessageKind
from someluotsi.inbox.services import IncomingMessage, message_ingest, received_at_problem

MAX_BATCH = 1000


class MessageInputSerializer(serializers.Serializer[dict[str, Any]]):
    channel = IdField()
    external_id = OneLineSerializerField(max_length=200)
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=MAX_CHARS)
    received_at = serializers.DateTimeField()
    author_handle = OneLineSerializerField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    parent_external_id = OneLineSerializerField(
        required=False, allow_blank=True, max_length=200, default=""
    )
    permalink = serializers.URLField(required=False, allow_blank=True, max_length=1000, default="")
    language = serializers.ChoiceField(choices=["fi", "sv", "en"], required=False)

    def validate_text(self, value: str) -> str:
        """A message says something: an empty or blank text is refused here (a connector that
        stores a platform's media-only comment calls the service, which keeps it)."""
        if not value.strip():
            raise serializers.ValidationError(_("The message has no text."))
        if has_control_characters(value, multiline=True):
            raise serializers.ValidationError(MULTILINE_MESSAGE)
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


class IngestOutputSerializer(serializers.Serializer[dict[str, Any]]):
    created = serializers.ListField(child=serializers.IntegerField())
    duplicates = serializers.IntegerField()


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
        body = {"created": [m.pk for m in result.created], "duplicates": result.duplicates}
        return Response(body, status=201)
