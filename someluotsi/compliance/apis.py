"""POST /api/v1/check: the engine's report for a draft, with a redacted version."""

from __future__ import annotations

from typing import Any, cast

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.api.limits import IdField
from someluotsi.api.permissions import area_permission
from someluotsi.compliance.selectors import check_channel_choices
from someluotsi.compliance.services import check_run_create, default_author_role
from someluotsi.core.blank import TextSerializerField
from someluotsi.core.errors import ApplicationError
from someluotsi.core.oneline import OneLineSerializerField
from someluotsi.core.typed_text import StringChoiceField
from someluotsi.guideline.checker.engine import MAX_CHARS
from someluotsi.guideline.model import AuthorRole, EngineError, Media


class MediaInputSerializer(serializers.Serializer[dict[str, Any]]):
    kind = StringChoiceField(choices=["image", "video", "file"])
    alt = OneLineSerializerField(required=False, allow_blank=True, max_length=2000, default="")
    captions = serializers.BooleanField(required=False, default=False)
    filename = OneLineSerializerField(required=False, allow_blank=True, max_length=255, default="")


UI_LANGUAGES = ("fi", "sv", "en")


class CheckInputSerializer(serializers.Serializer[dict[str, Any]]):
    text = TextSerializerField(
        trim_whitespace=False,
        max_length=MAX_CHARS,  # over it: core.typed_text's message, as on the check page
        error_messages={
            "blank": _("Write or paste the draft first."),
            "required": _("Write or paste the draft first."),
        },
    )
    role = StringChoiceField(
        choices=[r.value for r in AuthorRole],
        required=False,
        error_messages={
            "invalid_choice": _(
                '"{input}" is not a role: employee, elected, organization or expert.'
            )
        },
    )
    channel = IdField(required=False, allow_null=True)
    media = serializers.ListField(child=MediaInputSerializer(), required=False, max_length=20)
    language = StringChoiceField(choices=["fi", "sv", "en"], required=False)
    ui_language = StringChoiceField(choices=list(UI_LANGUAGES), required=False)
    save_text = serializers.BooleanField(required=False, default=False)


class FindingOutputSerializer(serializers.Serializer[dict[str, Any]]):
    rule = serializers.CharField()
    category = serializers.CharField()
    severity = serializers.ChoiceField(choices=["block", "warn", "info"])
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    excerpt = serializers.CharField()
    guideline = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()
    suggestion = serializers.CharField()
    explanation = serializers.CharField()
    confidence = serializers.FloatField()


class CheckOutputSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField(help_text="The stored check run")
    guideline_version = serializers.CharField()
    language = serializers.CharField()
    role = serializers.CharField()
    verdict = serializers.ChoiceField(choices=["ok", "warn", "block"])
    findings = FindingOutputSerializer(many=True)
    redacted = serializers.CharField()


class CheckApi(APIView):
    permission_classes = (area_permission(Area.CHECK),)

    @extend_schema(
        request=CheckInputSerializer,
        responses=CheckOutputSerializer,
        summary="Check a draft post against the guideline",
        examples=[OpenApiExample("Draft", value={"text": "Hetu 131052-308T", "role": "employee"})],
    )
    def post(self, request: Request) -> Response:
        """The check, its errors in the body's "ui_language" where it names one of fi, sv and
        en (as its findings are), else in the request's language."""
        asked = request.data.get("ui_language") if hasattr(request.data, "get") else None
        if isinstance(asked, str) and asked in UI_LANGUAGES:
            self._ui_language = asked
            with translation.override(asked):
                return self._post(request)
        return self._post(request)

    def handle_exception(self, exc: Exception) -> Response:
        """The error's whole body (its message as well as its details) in the language
        `post` was asked for."""
        asked = getattr(self, "_ui_language", None)
        if asked is None:
            return super().handle_exception(exc)
        with translation.override(asked):
            return super().handle_exception(exc)

    def _post(self, request: Request) -> Response:
        user = cast(User, request.user)
        params = CheckInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        channel = None
        if data.get("channel") is not None:
            channel = check_channel_choices(user=user).filter(pk=data["channel"]).first()
            if channel is None:
                raise ApplicationError(str(_("Unknown channel.")), code="unknown_channel")
        role = AuthorRole(data["role"]) if data.get("role") else default_author_role(user=user)
        try:
            outcome = check_run_create(
                user=user,
                text=data["text"],
                role=role,
                channel=channel,
                media=[Media(**m) for m in data.get("media", [])],
                language=data.get("language"),
                ui_language=data.get("ui_language") or (get_language() or "fi")[:2],
                save_text=data["save_text"],
            )
        except EngineError as exc:
            raise ApplicationError(str(exc), code="text_refused") from exc
        body = outcome.report.to_dict()
        body["id"] = outcome.run.pk
        body["redacted"] = outcome.redacted
        return Response(body)
