"""API of storm detection (§17): alerts with their evidence and incidents with the playbook
and timeline, read-only, with the pages' visibility (for a city's dashboards and reporting)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView

from someluotsi.accounts.access import Area
from someluotsi.api.permissions import area_permission
from someluotsi.incidents.enums import AlertStatus, IncidentStatus
from someluotsi.incidents.models import Incident, IncidentEntry, StormAlert
from someluotsi.incidents.selectors import alert_list_for_user, incident_list_for_user

IncidentsArea = area_permission(Area.INCIDENTS)

ALERT_FIELDS = (
    "id",
    "channel",
    "detected_at",
    "sensitivity",
    "signals",
    "window_minutes",
    "observed",
    "expected",
    "negative",
    "negative_share",
    "baseline_negative_share",
    "threats",
    "new_authors",
    "top_author_messages",
    "p_value",
    "status",
    "incident",
    "handled_at",
    "dismiss_reason",
)


class AlertSerializer(serializers.ModelSerializer[StormAlert]):
    class Meta:
        model = StormAlert
        fields = ALERT_FIELDS


class AlertDetailSerializer(serializers.ModelSerializer[StormAlert]):
    class Meta:
        model = StormAlert
        fields = (*ALERT_FIELDS, "evidence")


class EntrySerializer(serializers.ModelSerializer[IncidentEntry]):
    author = serializers.SlugRelatedField[Any](slug_field="username", read_only=True)

    class Meta:
        model = IncidentEntry
        fields = ("at", "author", "kind", "text", "review")


INCIDENT_FIELDS = ("id", "title", "channel", "status", "owner", "opened_at", "closed_at")


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    owner = serializers.SlugRelatedField[Any](slug_field="username", read_only=True)

    class Meta:
        model = Incident
        fields = INCIDENT_FIELDS


class IncidentDetailSerializer(IncidentSerializer):
    playbook = serializers.SerializerMethodField()
    entries = EntrySerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = (*INCIDENT_FIELDS, "our_mistake", "playbook", "summary", "entries")

    def get_playbook(self, incident: Incident) -> list[dict[str, str]]:
        return [
            {"step": step.value, "state": record["state"], "note": record.get("note", "")}
            for step, record in incident.playbook()
        ]


Item = TypeVar("Item", StormAlert, Incident)


def _status_filtered(items: QuerySet[Item], status: str, choices: list[str]) -> QuerySet[Item]:
    return items.filter(status=status) if status in choices else items


@extend_schema(
    summary="Storm alerts on the channels the user may see, newest first",
    parameters=[OpenApiParameter("status", str, enum=AlertStatus.values)],
)
class AlertListApi(ListAPIView[StormAlert]):
    serializer_class = AlertSerializer
    permission_classes = (IncidentsArea,)

    def get_queryset(self) -> QuerySet[StormAlert]:
        return _status_filtered(
            alert_list_for_user(user=self.request.user),
            self.request.query_params.get("status", ""),
            AlertStatus.values,
        )


@extend_schema(summary="One storm alert with its evidence")
class AlertDetailApi(RetrieveAPIView[StormAlert]):
    serializer_class = AlertDetailSerializer
    permission_classes = (IncidentsArea,)

    def get_queryset(self) -> QuerySet[StormAlert]:
        return alert_list_for_user(user=self.request.user)


@extend_schema(
    summary="Incidents on the channels the user may see, newest first",
    parameters=[OpenApiParameter("status", str, enum=IncidentStatus.values)],
)
class IncidentListApi(ListAPIView[Incident]):
    serializer_class = IncidentSerializer
    permission_classes = (IncidentsArea,)

    def get_queryset(self) -> QuerySet[Incident]:
        return _status_filtered(
            incident_list_for_user(user=self.request.user),
            self.request.query_params.get("status", ""),
            IncidentStatus.values,
        )


@extend_schema(summary="One incident with its playbook and timeline")
class IncidentDetailApi(RetrieveAPIView[Incident]):
    serializer_class = IncidentDetailSerializer
    permission_classes = (IncidentsArea,)

    def get_queryset(self) -> QuerySet[Incident]:
        return incident_list_for_user(user=self.request.user).prefetch_related("entries__author")
