"""API of the metrics (§16): daily values (read, and recorded by hand or by a script) and each
channel's figures for a period, with the pages' visibility and rules."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.api.limits import IdField
from someluotsi.api.permissions import area_permission
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.core.dates import BoundedDateSerializerField
from someluotsi.core.typed_text import StringChoiceField
from someluotsi.metrics import services
from someluotsi.metrics.enums import Metric
from someluotsi.metrics.figures import ChannelRow, GoalProgress, channel_rows, last_days
from someluotsi.metrics.forms import PERIODS
from someluotsi.metrics.models import MetricValue

MetricsArea = area_permission(Area.METRICS)


class MetricValueSerializer(serializers.ModelSerializer[MetricValue]):
    class Meta:
        model = MetricValue
        fields = ("channel", "day", "metric", "value", "source", "source_import", "recorded_at")


class MetricValueInputSerializer(serializers.Serializer[dict[str, Any]]):
    channel = IdField()
    day = BoundedDateSerializerField()
    metric = serializers.ChoiceField(choices=Metric.choices)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)


class ValueQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The list's filters: an unknown metric names the valid ones, and a period that ends
    before it starts is a 400 (never a silent empty list)."""

    channel = IdField(required=False)
    metric = StringChoiceField(choices=Metric.choices, required=False)
    start = BoundedDateSerializerField(required=False)
    end = BoundedDateSerializerField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "start" in attrs and "end" in attrs and attrs["start"] > attrs["end"]:
            raise serializers.ValidationError(
                {"end": [_("The end date is before the start date.")]}, code="invalid"
            )
        return attrs


@extend_schema(
    summary="Daily metric values of the channels the user may see",
    parameters=[
        OpenApiParameter("channel", int),
        OpenApiParameter("metric", str, enum=Metric.values),
        OpenApiParameter("start", date, description="first day (inclusive)"),
        OpenApiParameter("end", date, description="last day (inclusive)"),
    ],
)
class MetricValueListApi(ListAPIView[MetricValue]):
    serializer_class = MetricValueSerializer
    permission_classes = (MetricsArea,)

    def get_queryset(self) -> QuerySet[MetricValue]:
        query = ValueQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        values = MetricValue.objects.filter(
            channel__in=channel_list_for_user(user=self.request.user)
        ).order_by("channel_id", "day", "metric")
        if "channel" in params:
            values = values.filter(channel_id=params["channel"])
        if "metric" in params:
            values = values.filter(metric=params["metric"])
        if "start" in params:
            values = values.filter(day__gte=params["start"])
        if "end" in params:
            values = values.filter(day__lte=params["end"])
        return values

    @extend_schema(
        request=MetricValueInputSerializer,
        responses={201: MetricValueSerializer},
        summary="Record one day's value by hand (replaces that day's value of the metric)",
    )
    def post(self, request: Request) -> Response:
        params = MetricValueInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        channel = channel_list_for_user(user=request.user).filter(pk=data["channel"]).first()
        if channel is None:
            raise Http404
        row = services.metric_value_record(
            actor=cast(User, request.user),
            channel=channel,
            day=data["day"],
            metric=data["metric"],
            value=data["value"],
        )
        return Response(MetricValueSerializer(row).data, status=201)


def _goal(progress: GoalProgress) -> dict[str, Any]:
    return {
        "kind": progress.goal.kind,
        "year": progress.goal.year,
        "target": progress.goal.target,
        "target_by_now": progress.expected_now,
        "actual": progress.actual,
        "met": progress.met,
    }


def _row(row: ChannelRow) -> dict[str, Any]:
    response = row.response
    return {
        "channel": row.channel.pk,
        "name": row.channel.name,
        "platform": row.channel.platform,
        "followers": row.followers,
        "follower_change": row.follower_change,
        "totals": row.totals,
        "tones": dict(row.tones),
        "negative_share": row.negative_share,
        "messages_received": response.received if response else 0,
        "median_first_response_hours": response.median_hours if response else None,
        "on_time_percent": response.on_time_percent if response else None,
        "goals": [_goal(g) for g in row.goals],
    }


class FiguresQuerySerializer(serializers.Serializer[dict[str, Any]]):
    # An unknown period names the valid ones: "7" is not a valid choice: one of 30, 90, 365.
    days = StringChoiceField(choices=[days for days, _label in PERIODS], required=False)


@extend_schema(
    summary="Each visible channel's figures for the last 30, 90 or 365 days, with its goals",
    parameters=[OpenApiParameter("days", int, enum=[int(d) for d, _label in PERIODS])],
    responses={200: OpenApiTypes.OBJECT},
)
class ChannelFiguresApi(APIView):
    permission_classes = (MetricsArea,)

    def get(self, request: Request) -> Response:
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        days = int(query.validated_data.get("days") or 30)
        period = last_days(days)
        rows = channel_rows(channel_list_for_user(user=request.user), period)
        return Response(
            {
                "start": period.start,
                "end": period.end,
                "channels": [_row(row) for row in rows],
            }
        )
