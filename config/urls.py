"""URL map. API paths answer errors in the API's JSON shape; pages answer with HTML."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views import defaults

from config import api_urls
from config.health import healthz
from someluotsi.api.errors import api_bad_request, api_not_found, api_server_error
from someluotsi.connectors.webhooks import webhook
from someluotsi.core.middleware import bad_request_page

urlpatterns = [
    # The platforms' webhooks first (the busiest path, resolved without walking the others):
    # signature-checked, no session, no CSRF (connectors/webhooks.py).
    path("webhooks/<str:platform>/", webhook, name="webhook"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include(api_urls)),
    path("accounts/", include("someluotsi.accounts.urls")),
    path("audit/", include("someluotsi.audit.urls")),
    path("channels/", include("someluotsi.channels.urls")),
    path("check/", include("someluotsi.compliance.urls")),
    path("inbox/", include("someluotsi.inbox.urls")),
    path("metrics/", include("someluotsi.metrics.urls")),
    path("incidents/", include("someluotsi.incidents.urls")),
    path("publishing/", include("someluotsi.publishing.urls")),
    path("notifications/", include("someluotsi.notifications.urls")),
    path("connectors/", include("someluotsi.connectors.urls")),
    path("admin/", admin.site.urls),
    path("", include("someluotsi.core.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A body over the size limit, a malformed upload, a suspicious request: the API answers in
    its error shape (413 for a body too big), pages with the 400 page in the site shell."""
    if request.path.startswith("/api/"):
        return api_bad_request(request, exception)
    return bad_request_page(request)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)
