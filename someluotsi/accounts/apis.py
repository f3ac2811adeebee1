"""API: the signed-in user, units, and token sign-in."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.parsers import BaseParser, FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.selectors import unit_list, user_areas, user_roles
from someluotsi.core.client import client_address


class MeOutputSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    areas = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField()


class MeApi(APIView):
    @extend_schema(responses=MeOutputSerializer, summary="The signed-in user, roles and areas")
    def get(self, request: Request) -> Response:
        # The permission class admits signed-in users only.
        user = cast(User, request.user)
        data = {
            "id": user.pk,
            "username": user.username,
            "full_name": user.get_full_name(),
            "unit": user.unit.code if user.unit else None,
            "roles": sorted(role.value for role in user_roles(user=user)),
            "areas": [area.value for area in user_areas(user=user)],
            "language": user.preferred_language,
        }
        return Response(MeOutputSerializer(data).data)


class UnitOutputSerializer(serializers.ModelSerializer[Unit]):
    parent: serializers.SlugRelatedField[Unit] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )  # type: ignore[assignment]

    class Meta:
        model = Unit
        fields = ("id", "code", "name_fi", "name_sv", "name_en", "parent")


class UnitListApi(APIView):
    @extend_schema(responses=UnitOutputSerializer(many=True), summary="The city's units")
    def get(self, request: Request) -> Response:
        return Response(UnitOutputSerializer(unit_list(), many=True).data)


class TokenAddressThrottle(AnonRateThrottle):
    """Token requests per client address over every username (scope `token_address`, a high
    ceiling: many people may share an office address). The address is core.client's (trusted
    proxies only), so a forged X-Forwarded-For does not open a new bucket."""

    scope = "token_address"

    def get_ident(self, request: Request) -> str:
        return client_address(request) or "unknown"


class TokenThrottle(TokenAddressThrottle):
    """Token requests per username and client address (scope `token`): one person's retries
    never hold back a colleague at the same address. The username is hashed into the key (a
    fixed length, nothing personal in the cache)."""

    scope = "token"

    def get_ident(self, request: Request) -> str:
        username = request.data.get("username", "") if hasattr(request.data, "get") else ""
        digest = hashlib.sha256(str(username)[:300].encode()).hexdigest()[:32]
        return f"{super().get_ident(request)}:{digest}"


class TokenObtainApi(ObtainAuthToken):
    """Exchange a username and password for an API token; throttled and locked out like the
    login page (429 while locked out)."""

    throttle_classes = (TokenThrottle, TokenAddressThrottle)
    permission_classes = ()
    # DRF's view names its own parsers (a plain JSONParser, whose recursion on a body nested
    # a thousand levels deep was a 500): the API's own (settings: the bounded JSON parser),
    # and the form encodings the view also takes.
    parser_classes = (
        *cast("Sequence[type[BaseParser]]", api_settings.DEFAULT_PARSER_CLASSES),
        FormParser,
        MultiPartParser,
    )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                raise Throttled(detail=_("Too many failed sign-ins; try again later.")) from None
            raise
