"""API of the channel register: channels, new-channel requests and their decisions, paid
campaigns and channel health, with the same visibility and rules as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import Unit, User
from someluotsi.api.limits import IdField, query_int
from someluotsi.api.permissions import area_permission
from someluotsi.api.related import NamedSlugRelatedField
from someluotsi.channels import campaigns, requests, services
from someluotsi.channels.enums import (
    ChannelKind,
    ContentLanguage,
    DecisionOutcome,
    DecisionRole,
    MaintainerRole,
    Platform,
    TargetGroup,
    Translations,
)
from someluotsi.channels.health import channel_health
from someluotsi.channels.models import (
    PLAN_FIELDS,
    Channel,
    ChannelDecision,
    ChannelMaintainer,
    ChannelRequest,
    PaidCampaign,
)
from someluotsi.channels.selectors import (
    campaign_list_for_user,
    channel_list_for_user,
    request_list_for_user,
)
from someluotsi.core.blank import VisibleTextSerializerField
from someluotsi.core.dates import BoundedDateSerializerField, BoundedDateTimeSerializerField
from someluotsi.core.oneline import OneLineSerializerField
from someluotsi.core.typed_text import StringChoiceField, api_text_check

ChannelsArea = area_permission(Area.CHANNELS)


def _user(request: Request) -> User:
    return cast(User, request.user)


# A unit named by a code that matches none (NamedSlugRelatedField).
NO_UNIT = _("No unit with the code “%(value)s”.")


class MaintainerOutputSerializer(serializers.ModelSerializer[ChannelMaintainer]):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = ChannelMaintainer
        fields = ("username", "name", "acting_role", "answer_order", "answers_messages")


class ChannelOutputSerializer(serializers.ModelSerializer[Channel]):
    unit: serializers.SlugRelatedField[Unit] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    maintainers = serializers.SlugRelatedField[Any](
        slug_field="username", many=True, read_only=True
    )
    maintainerships = MaintainerOutputSerializer(many=True, read_only=True)

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
            "maintainerships",
            *PLAN_FIELDS,
            "brand_conformity",
            "brand_reviewed_on",
            "last_post_at",
            "created_at",
            "updated_at",
        )


class PlanInputSerializer(serializers.Serializer[dict[str, Any]]):
    goals = VisibleTextSerializerField(max_length=2000, required=False, allow_blank=True)
    target_groups = serializers.ListField(
        child=StringChoiceField(choices=TargetGroup.choices), required=False, max_length=20
    )
    target_notes = VisibleTextSerializerField(max_length=500, required=False, allow_blank=True)
    languages = serializers.ListField(
        child=StringChoiceField(choices=ContentLanguage.choices), required=False, max_length=4
    )
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, required=False, allow_null=True
    )
    images_per_month = serializers.IntegerField(
        min_value=0, max_value=1000, required=False, allow_null=True
    )
    videos_per_month = serializers.IntegerField(
        min_value=0, max_value=1000, required=False, allow_null=True
    )
    translations = StringChoiceField(choices=Translations.choices, required=False)
    resource_notes = VisibleTextSerializerField(max_length=1000, required=False, allow_blank=True)


class WebAddressField(serializers.URLField):
    """An address under the typed-text policy: over `max_length` it gets the product's own
    message ("The text is too long: 201 characters, at most 200."), not DRF's."""

    def to_internal_value(self, data: Any) -> str:
        value = str(super().to_internal_value(data))
        api_text_check(value, max_length=self.max_length)
        return value


class ChannelInputSerializer(PlanInputSerializer):
    platform = StringChoiceField(choices=Platform.choices)
    name = OneLineSerializerField(max_length=200)
    handle = OneLineSerializerField(max_length=200, required=False, allow_blank=True)
    url = WebAddressField(max_length=200, required=False, allow_blank=True)
    unit = NamedSlugRelatedField[Unit](
        slug_field="code", queryset=Unit.objects.all(), missing=NO_UNIT
    )
    kind = StringChoiceField(choices=ChannelKind.choices)


@extend_schema(summary="Channels the user may see")
class ChannelListApi(ListAPIView[Channel]):
    serializer_class = ChannelOutputSerializer
    permission_classes = (ChannelsArea,)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return channel_list_for_user(user=self.request.user).prefetch_related(
            "maintainerships__user"
        )

    @extend_schema(
        request=ChannelInputSerializer,
        responses={201: ChannelOutputSerializer},
        summary="Register an account that already exists (the mavi team)",
    )
    def post(self, request: Request) -> Response:
        params = ChannelInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        channel = services.channel_register(
            actor=_user(request),
            platform=data.pop("platform"),
            name=data.pop("name"),
            unit=data.pop("unit"),
            kind=data.pop("kind"),
            data=data,
        )
        return Response(ChannelOutputSerializer(channel).data, status=201)


@extend_schema(summary="One channel")
class ChannelDetailApi(RetrieveAPIView[Channel]):
    serializer_class = ChannelOutputSerializer
    permission_classes = (ChannelsArea,)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return channel_list_for_user(user=self.request.user)


class HealthFindingSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(source="problem.value")
    problem = serializers.CharField(source="problem.label")
    section = serializers.CharField()
    critical = serializers.BooleanField()
    detail = serializers.CharField()


class ChannelHealthSerializer(serializers.Serializer[Any]):
    channel = serializers.IntegerField(source="channel.pk")
    name = serializers.CharField(source="channel.name")
    critical = serializers.BooleanField()
    findings = HealthFindingSerializer(many=True)


class ChannelHealthApi(APIView):
    permission_classes = (ChannelsArea,)

    @extend_schema(
        responses={200: ChannelHealthSerializer(many=True)},
        summary="Health findings of the active channels the user may see",
    )
    def get(self, request: Request) -> Response:
        report = channel_health(
            channels=channel_list_for_user(user=request.user),
            inactive_days=settings.CHANNEL_INACTIVE_DAYS,
        )
        return Response(ChannelHealthSerializer(report, many=True).data)


# --- Requests and decisions -----------------------------------------------------------------


class DecisionOutputSerializer(serializers.ModelSerializer[ChannelDecision]):
    decided_by = serializers.SlugRelatedField[User](slug_field="username", read_only=True)

    class Meta:
        model = ChannelDecision
        fields = ("id", "role", "outcome", "reason", "decided_by", "decided_at")


class RequestOutputSerializer(serializers.ModelSerializer[ChannelRequest]):
    unit = serializers.SlugRelatedField[Unit](slug_field="code", read_only=True)
    requested_by = serializers.SlugRelatedField[User](slug_field="username", read_only=True)
    proposed_maintainers = serializers.SlugRelatedField[Any](
        slug_field="username", many=True, read_only=True
    )
    existing_shown = serializers.PrimaryKeyRelatedField[Any](many=True, read_only=True)
    decisions = DecisionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = ChannelRequest
        fields = (
            "id",
            "unit",
            "requested_by",
            "platform",
            "name",
            "handle",
            "kind",
            "maintainer_role",
            "proposed_maintainers",
            *PLAN_FIELDS,
            "existing_shown",
            "why_not_existing",
            "status",
            "channel",
            "decisions",
            "created_at",
            "closed_at",
        )


class RequestInputSerializer(PlanInputSerializer):
    unit = NamedSlugRelatedField[Unit](
        slug_field="code", queryset=Unit.objects.all(), missing=NO_UNIT
    )
    platform = StringChoiceField(choices=Platform.choices)
    name = OneLineSerializerField(max_length=200)
    handle = OneLineSerializerField(max_length=200, required=False, allow_blank=True, default="")
    kind = StringChoiceField(choices=ChannelKind.choices, default=ChannelKind.UNIT)
    maintainer_role = StringChoiceField(
        choices=MaintainerRole.choices, default=MaintainerRole.ORGANISATION
    )
    maintainers = NamedSlugRelatedField[User](
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        many=True,
        missing=_("No active user with the username “%(value)s”."),
    )
    why_not_existing = VisibleTextSerializerField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class RequestListApi(ListAPIView[ChannelRequest]):
    serializer_class = RequestOutputSerializer
    permission_classes = (ChannelsArea,)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return request_list_for_user(user=self.request.user).prefetch_related(
            "decisions__decided_by", "proposed_maintainers", "existing_shown"
        )

    @extend_schema(
        request=RequestInputSerializer,
        responses={201: RequestOutputSerializer},
        summary="Ask for a new channel (§11.1); 400 why_not_existing_required lists the shared "
        "profiles to weigh first",
    )
    def post(self, request: Request) -> Response:
        params = RequestInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        fixed = ("unit", "platform", "name", "handle", "kind", "maintainer_role")
        draft = requests.RequestDraft(
            **{key: data.pop(key) for key in fixed},
            maintainers=list(data.pop("maintainers")),
            why_not_existing=data.pop("why_not_existing"),
            plan=data,
        )
        item = requests.request_submit(actor=_user(request), draft=draft)
        return Response(RequestOutputSerializer(item).data, status=201)


@extend_schema(summary="One new-channel request with its decisions")
class RequestDetailApi(RetrieveAPIView[ChannelRequest]):
    serializer_class = RequestOutputSerializer
    permission_classes = (ChannelsArea,)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return request_list_for_user(user=self.request.user)


class DecisionInputSerializer(serializers.Serializer[dict[str, Any]]):
    outcome = StringChoiceField(choices=DecisionOutcome.choices)
    role = StringChoiceField(choices=DecisionRole.choices, required=False)
    reason = VisibleTextSerializerField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class RequestDecideApi(APIView):
    permission_classes = (ChannelsArea,)

    @extend_schema(
        request=DecisionInputSerializer,
        responses={201: RequestOutputSerializer},
        summary="Decide a request as the unit's management or the communications manager",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = get_object_or_404(request_list_for_user(user=request.user), pk=pk)
        params = DecisionInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        requests.request_decide(
            actor=_user(request),
            channel_request=item,
            outcome=params.validated_data["outcome"],
            role=params.validated_data.get("role"),
            reason=params.validated_data["reason"],
        )
        item.refresh_from_db()
        return Response(RequestOutputSerializer(item).data, status=201)


# --- Paid campaigns -------------------------------------------------------------------------


class CampaignOutputSerializer(serializers.ModelSerializer[PaidCampaign]):
    unit = serializers.SlugRelatedField[Unit](slug_field="code", read_only=True)
    registered_by = serializers.SlugRelatedField[User](slug_field="username", read_only=True)

    class Meta:
        model = PaidCampaign
        fields = (
            "id",
            "channel",
            "unit",
            "purpose",
            "target_group",
            "budget_eur",
            "starts_on",
            "ends_on",
            "decided_by_name",
            "decided_at",
            "decision_reference",
            "registered_by",
            "mavi_notified_at",
            "created_at",
        )


class CampaignInputSerializer(serializers.Serializer[dict[str, Any]]):
    channel = IdField()
    purpose = OneLineSerializerField(max_length=500)
    target_group = OneLineSerializerField(max_length=500)
    budget_eur = serializers.DecimalField(max_digits=10, decimal_places=2)
    starts_on = BoundedDateSerializerField()
    ends_on = BoundedDateSerializerField()
    decided_by_name = OneLineSerializerField(max_length=200)
    decided_at = BoundedDateTimeSerializerField()
    decision_reference = OneLineSerializerField(
        max_length=100, required=False, allow_blank=True, default=""
    )


class CampaignQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The campaign list's unit filter: a unit's code (`year` is read by `query_int`)."""

    unit = NamedSlugRelatedField[Unit](
        slug_field="code", queryset=Unit.objects.all(), missing=NO_UNIT
    )


class CampaignListApi(ListAPIView[PaidCampaign]):
    serializer_class = CampaignOutputSerializer
    permission_classes = (ChannelsArea,)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                int,
                description=(
                    "only the campaigns starting in this year (a whole number 1-9999; "
                    "anything else is a 400)"
                ),
            ),
            OpenApiParameter(
                "unit",
                str,
                description=(
                    "only the campaigns of this unit (its code; a code of no unit is a 400)"
                ),
            ),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        campaigns_ = campaign_list_for_user(user=self.request.user)
        # A year a date can have; "abc" or 99999999999 is a 400, never ignored.
        year = query_int(self.request, "year", low=date.min.year, high=date.max.year)
        if year is not None:
            campaigns_ = campaigns_.filter(starts_on__year=year)
        if self.request.query_params.get("unit", ""):
            # A code that names no unit is a 400 ("No unit with the code “abc”."), as in a
            # body, never an empty list that reads as "no campaigns".
            query = CampaignQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            campaigns_ = campaigns_.filter(unit=query.validated_data["unit"])
        return campaigns_

    @extend_schema(
        request=CampaignInputSerializer,
        responses={201: CampaignOutputSerializer},
        summary="Register a paid campaign decided by the unit's director (§14.4)",
    )
    def post(self, request: Request) -> Response:
        params = CampaignInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        channel = channel_list_for_user(user=request.user).filter(pk=data.pop("channel")).first()
        if channel is None:
            raise Http404
        campaign = campaigns.campaign_register(
            actor=_user(request), draft=campaigns.CampaignDraft(channel=channel, **data)
        )
        return Response(CampaignOutputSerializer(campaign).data, status=201)


@extend_schema(summary="One paid campaign")
class CampaignDetailApi(RetrieveAPIView[PaidCampaign]):
    serializer_class = CampaignOutputSerializer
    permission_classes = (ChannelsArea,)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return campaign_list_for_user(user=self.request.user)
