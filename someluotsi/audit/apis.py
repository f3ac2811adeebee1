"""API: the audit trail, read-only. There is no write, edit or delete endpoint by design."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from someluotsi.accounts.access import Area
from someluotsi.api.permissions import area_permission
from someluotsi.audit.models import AuditEvent
from someluotsi.audit.selectors import AuditFilter, audit_event_list
from someluotsi.audit.services import audit_trail_search_record
from someluotsi.core.blank import VisibleTextSerializerField
from someluotsi.core.dates import BoundedDateSerializerField, api_moments_in


class AuditEventOutputSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = (
            "id",
            "occurred_at",
            "actor_label",
            "action",
            "target_type",
            "target_id",
            "target_label",
            "data",
            "ip_address",
        )

    def to_representation(self, instance: AuditEvent) -> dict[str, Any]:
        """The event's data keeps its moments as recorded (often UTC text); the answer writes
        them in the zone of `occurred_at`, like every other moment of the API."""
        shown = super().to_representation(instance)
        shown["data"] = api_moments_in(shown.get("data"))
        return dict(shown)


class AuditFilterSerializer(serializers.Serializer[dict[str, Any]]):
    action = VisibleTextSerializerField(required=False, allow_blank=True, max_length=100)
    actor = VisibleTextSerializerField(required=False, allow_blank=True, max_length=200)
    person = VisibleTextSerializerField(required=False, allow_blank=True, max_length=200)
    personal_data = serializers.BooleanField(required=False, default=False)
    target_type = VisibleTextSerializerField(required=False, allow_blank=True, max_length=100)
    target_id = VisibleTextSerializerField(required=False, allow_blank=True, max_length=64)
    since = BoundedDateSerializerField(required=False)
    until = BoundedDateSerializerField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A period that ends before it starts is a 400 on `until` (as on the audit page's
        form), never a silent empty list."""
        if "since" in attrs and "until" in attrs and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError(
                {"until": [_("The end date is before the start date.")]}, code="invalid"
            )
        return attrs


@extend_schema(
    summary="Audit events (auditors only)",
    parameters=[
        *(
            OpenApiParameter(name, str, required=False)
            for name in ("action", "actor", "person", "target_type", "target_id", "since", "until")
        ),
        OpenApiParameter("personal_data", bool, required=False),
    ],
)
class AuditEventListApi(ListAPIView[AuditEvent]):
    serializer_class = AuditEventOutputSerializer
    permission_classes = (area_permission(Area.AUDIT),)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = AuditFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = AuditFilter(**params.validated_data)
        if self.request.query_params.get("offset") in {None, "", "0"}:
            # As on the page: a search for a person is recorded once, on its first page.
            audit_trail_search_record(
                actor=self.request.user, person=filters.person, request=self.request
            )
        return audit_event_list(user=self.request.user, filters=filters)
