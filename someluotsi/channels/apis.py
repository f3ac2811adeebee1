"""API: the channel register (read side for now)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import Unit
from someluotsi.api.permissions import area_permission
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_list_for_user


class ChannelOutputSerializer(serializers.ModelSerializer[Channel]):
    unit: serializers.SlugRelatedField[Unit] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    maintainers = serializers.SlugRelatedField[Any](
        slug_field="username", many=True, read_only=True
    )

    class Meta:
        model = Channel
        fields = (
            "id",
            "platform",
            "name",
            "handle",
            "url",
            "unit",
            "kind",
            "status",
            "guideline_ref",
            "maintainers",
        )


@extend_schema(summary="Channels the user may see")
class ChannelListApi(ListAPIView[Channel]):
    serializer_class = ChannelOutputSerializer
    permission_classes = (area_permission(Area.CHANNELS),)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return channel_list_for_user(user=self.request.user)


@extend_schema(summary="One channel")
class ChannelDetailApi(RetrieveAPIView[Channel]):
    serializer_class = ChannelOutputSerializer
    permission_classes = (area_permission(Area.CHANNELS),)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return channel_list_for_user(user=self.request.user)
