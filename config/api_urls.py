"""`/api/v1/`: every endpoint of version 1, the schema and its documentation pages.

The project's API map, like urls.py for pages: each app keeps its endpoints in its own apis.py,
the shared plumbing (permissions, the error shape) is someluotsi.api.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import path, resolve
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from someluotsi.accounts.apis import MeApi, TokenObtainApi, UnitListApi
from someluotsi.audit.apis import AuditEventListApi
from someluotsi.channels.apis import (
    CampaignDetailApi,
    CampaignListApi,
    ChannelDetailApi,
    ChannelHealthApi,
    ChannelListApi,
    RequestDecideApi,
    RequestDetailApi,
    RequestListApi,
)
from someluotsi.compliance.apis import CheckApi
from someluotsi.inbox.apis import MessageIngestApi
from someluotsi.incidents.apis import (
    AlertDetailApi,
    AlertListApi,
    IncidentDetailApi,
    IncidentListApi,
)
from someluotsi.metrics.apis import ChannelFiguresApi, MetricValueListApi

app_name = "api"


def _may_open(request: Request, name: str) -> bool:
    """Whether the endpoint's own permission classes let `request`'s user read it (a GET), so
    that the root links nobody to a 403. Views that are not DRF views (the documentation page,
    behind sign-in) are open to whoever may read the root."""
    func = resolve(reverse(f"api:{name}")).func
    view_class = getattr(func, "cls", None)
    if view_class is None or not issubclass(view_class, APIView):
        return True
    view = view_class()
    view.request, view.args, view.kwargs, view.format_kwarg = request, (), {}, None
    return all(permission.has_permission(request, view) for permission in view.get_permissions())


class ApiRootApi(APIView):
    """Links to the version-1 resources the user may open (their own permission decides)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="Links to the resources")
    def get(self, request: Request) -> Response:
        names = (
            "me",
            "units",
            "channels",
            "channel-health",
            "channel-requests",
            "campaigns",
            "metric-values",
            "channel-figures",
            "storm-alerts",
            "incidents",
            "check",
            "audit-events",
            "schema",
            "docs",
        )
        return Response(
            {
                name: reverse(f"api:{name}", request=request)
                for name in names
                if _may_open(request, name)
            }
        )


urlpatterns = [
    path("", ApiRootApi.as_view(), name="root"),
    path("auth/token", TokenObtainApi.as_view(), name="token"),
    path("me", MeApi.as_view(), name="me"),
    path("units", UnitListApi.as_view(), name="units"),
    path("channels", ChannelListApi.as_view(), name="channels"),
    path("channels/<id:pk>", ChannelDetailApi.as_view(), name="channel-detail"),
    path("channels/health", ChannelHealthApi.as_view(), name="channel-health"),
    path("channel-requests", RequestListApi.as_view(), name="channel-requests"),
    path("channel-requests/<id:pk>", RequestDetailApi.as_view(), name="channel-request-detail"),
    path(
        "channel-requests/<id:pk>/decisions",
        RequestDecideApi.as_view(),
        name="channel-request-decide",
    ),
    path("campaigns", CampaignListApi.as_view(), name="campaigns"),
    path("campaigns/<id:pk>", CampaignDetailApi.as_view(), name="campaign-detail"),
    path("metric-values", MetricValueListApi.as_view(), name="metric-values"),
    path("metrics/channels", ChannelFiguresApi.as_view(), name="channel-figures"),
    path("storm-alerts", AlertListApi.as_view(), name="storm-alerts"),
    path("storm-alerts/<id:pk>", AlertDetailApi.as_view(), name="storm-alert-detail"),
    path("incidents", IncidentListApi.as_view(), name="incidents"),
    path("incidents/<id:pk>", IncidentDetailApi.as_view(), name="incident-detail"),
    path("check", CheckApi.as_view(), name="check"),
    path("messages", MessageIngestApi.as_view(), name="messages"),
    path("audit-events", AuditEventListApi.as_view(), name="audit-events"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP. The
    # documentation page is for signed-in people; the schema stays public for API clients.
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
]
