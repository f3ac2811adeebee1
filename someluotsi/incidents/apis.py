"""API of storm detection (§17): alerts with their evidence and incidents with the playbook
and timeline, read-only, with the pages' visibility (for a city's dashboards and reporting)."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.api.permissions import area_permission
from someluotsi.core.dates import BoundedDateTimeSerializerField, api_datetime
from someluotsi.incidents.enums import AlertStatus, IncidentStatus
from someluotsi.incidents.models import Incident, IncidentEntry, StormAlert
from someluotsi.incidents.selectors import (
    AlertEvidence,
    alert_evidence_for_user,
    alert_list_for_user,
    incident_list_for_user,
)
from someluotsi.incidents.services import (
    alert_evidence_record,
    incident_view_record,
    localized_review,
    localized_step_note,
)

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


class EvidenceMessageSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    received_at = BoundedDateTimeSerializerField()
    category = serializers.CharField()
    tone = serializers.CharField(allow_blank=True)
    excerpt = serializers.CharField(
        required=False, help_text="Only for those who may read the channel's messages."
    )


class EvidenceSerializer(serializers.Serializer[AlertEvidence]):
    """An alert's evidence; texts, recurring words and the busiest author only for those who
    may read the channel's messages (`readable`)."""

    readable = serializers.BooleanField()
    messages = EvidenceMessageSerializer(many=True)
    terms = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        help_text="[word, number of messages] pairs; empty unless readable.",
    )
    timeline = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=4, max_length=4),
        help_text="[start (ISO 8601), messages, negative, usual level] per 15 minutes.",
    )
    top_author = serializers.CharField(allow_null=True)


class AlertDetailSerializer(serializers.ModelSerializer[StormAlert]):
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = StormAlert
        fields = (*ALERT_FIELDS, "evidence")

    @extend_schema_field(EvidenceSerializer)
    def get_evidence(self, alert: StormAlert) -> dict[str, Any]:
        evidence: AlertEvidence = self.context["evidence"]
        # The evidence JSON keeps its moments as stored (UTC text); the answer writes them in
        # the zone of the alert's own fields (core.dates.api_datetime).
        messages = [
            {**row, "received_at": api_datetime(row["received_at"])}
            if "received_at" in row
            else row
            for row in evidence.messages
        ]
        timeline = [[api_datetime(row[0]), *row[1:]] if row else row for row in evidence.timeline]
        return {
            "readable": evidence.readable,
            "messages": messages,
            "terms": [list(pair) for pair in evidence.terms],
            "timeline": timeline,
            "top_author": evidence.top_author,
        }


class EntrySerializer(serializers.ModelSerializer[IncidentEntry]):
    """A timeline entry; a playbook step's entry names its step and state (codes), the text is
    the person's note, and the post checker's findings speak the request's language."""

    author = serializers.SlugRelatedField[Any](slug_field="username", read_only=True)
    review = serializers.SerializerMethodField()

    class Meta:
        model = IncidentEntry
        fields = ("at", "author", "kind", "step", "state", "text", "review")

    def get_review(self, entry: IncidentEntry) -> dict[str, Any]:
        if not entry.review:
            return {}
        return localized_review(entry.review, translation.get_language() or "fi")


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
            {"step": step.value, "state": record["state"], "note": localized_step_note(record)}
            for step, record in incident.playbook()
        ]


Item = TypeVar("Item", StormAlert, Incident)


def _status_filtered(items: QuerySet[Item], status: str, choices: list[str]) -> QuerySet[Item]:
    """Items in `status`; all when it is empty; a 400 for a status that does not exist."""
    if not status:
        return items
    if status not in choices:
        raise ValidationError(
            {"status": [_("One of: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return items.filter(status=status)


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


@extend_schema(summary="One storm alert with its evidence (texts and authors only for readers)")
class AlertDetailApi(RetrieveAPIView[StormAlert]):
    serializer_class = AlertDetailSerializer
    permission_classes = (IncidentsArea,)

    def get_queryset(self) -> QuerySet[StormAlert]:
        return alert_list_for_user(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        alert = self.get_object()
        user = cast(User, request.user)
        evidence = alert_evidence_for_user(user=user, alert=alert)
        if evidence.readable:
            alert_evidence_record(
                actor=user,
                alert=alert,
                message_ids=[int(m["id"]) for m in evidence.messages],
                request=request,
            )
        context = {**self.get_serializer_context(), "evidence": evidence}
        return Response(AlertDetailSerializer(alert, context=context).data)


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

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incident = self.get_object()
        incident_view_record(actor=cast(User, request.user), incident=incident, request=request)
        return Response(self.get_serializer(incident).data)
