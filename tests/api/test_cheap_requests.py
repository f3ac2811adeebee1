"""Cheap requests that used to cause server errors get a 4xx in the API's one error shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.api.limits import MAX_LIMIT, json_depth

pytestmark = pytest.mark.django_db
HUGE = str(2**63)


def _shape(body: dict[str, object]) -> str:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"code", "message", "details"}
    assert error["message"]
    return str(error["code"])


@pytest.fixture
def api(make_user: Callable[..., User]) -> Client:
    token = Token.objects.create(user=make_user(Role.MAVI))
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.mark.parametrize(
    "path", ["/api/v1/check", "/api/v1/messages", "/api/v1/channels", "/api/v1/auth/token"]
)
@pytest.mark.parametrize("depth", [100, 1_000, 100_000])
def test_deeply_nested_json_is_a_400(api: Client, path: str, depth: int) -> None:
    body = "[" * depth + "]" * depth
    response = api.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert _shape(response.json()) == "parse_error"


def test_every_api_view_reads_json_with_the_bounded_parser() -> None:
    """A view that names its own parsers (DRF's token view does) must keep the bounded JSON
    parser: a plain one recursed into a 500 on a body nested a thousand levels deep."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from rest_framework.parsers import JSONParser

    from someluotsi.api.limits import BoundedJSONParser

    def views(patterns: Sequence[object]) -> list[type]:
        found: list[type] = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += views(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                if view is not None:
                    found.append(view)
        return found

    api_views = [
        view for view in views(get_resolver().url_patterns) if hasattr(view, "parser_classes")
    ]
    assert len(api_views) > 10
    for view in api_views:
        for parser in view.parser_classes:
            if issubclass(parser, JSONParser):
                assert issubclass(parser, BoundedJSONParser), (view, parser)


def test_json_depth_skips_brackets_inside_strings() -> None:
    assert json_depth('{"a": "[[[[{{{{"}') == 1
    assert json_depth('[[1, "\\"]]]"], [2]]') == 2


@pytest.mark.parametrize(
    "path",
    ["/api/v1/storm-alerts", "/api/v1/incidents", "/api/v1/metric-values", "/api/v1/channels"],
)
@pytest.mark.parametrize(
    "query",
    [
        {"limit": HUGE},
        {"limit": "0"},
        {"limit": str(MAX_LIMIT + 1)},
        {"limit": "-1"},
        {"offset": HUGE},
        {"offset": "x"},
        {"offset": ""},
        {"limit": "1e3"},
    ],
)
def test_limit_and_offset_out_of_bounds_are_a_400(
    api: Client, path: str, query: dict[str, str]
) -> None:
    response = api.get(path, query)
    assert response.status_code == 400, (path, query, response.status_code)
    assert _shape(response.json()) == "invalid"


def test_limit_within_bounds_is_served(api: Client) -> None:
    assert api.get("/api/v1/storm-alerts", {"limit": str(MAX_LIMIT)}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/channels/{HUGE}",
        f"/api/v1/storm-alerts/{HUGE}",
        f"/api/v1/incidents/{'9' * 40}",
        f"/api/v1/channel-requests/{HUGE}/decisions",
    ],
)
def test_ids_over_64_bits_in_paths_are_a_404(api: Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert _shape(response.json()) == "not_found"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/metric-values", {"channel": HUGE}),
        ("/api/v1/metrics/channels", {"channel": HUGE}),
        ("/api/v1/campaigns", {"unit": HUGE, "year": HUGE}),
        ("/api/v1/audit-events", {"target_id": HUGE}),
    ],
)
def test_ids_over_64_bits_in_filters_never_give_a_server_error(
    api: Client, path: str, query: dict[str, str]
) -> None:
    response = api.get(path, query)
    assert response.status_code in {200, 400, 403}, response.status_code
    if response.status_code >= 400:
        _shape(response.json())


@pytest.mark.parametrize("path", ["/api/v1/storm-alerts", "/api/v1/metric-values"])
def test_nul_in_a_filter_is_a_400(api: Client, path: str) -> None:
    response = api.get(path, {"status": "new\x00", "metric": "x\x00"})
    assert response.status_code == 400
    assert _shape(response.json()) == "invalid"


def test_nul_in_a_page_form_comes_back_with_a_message(client_for: Callable[..., Client]) -> None:
    """A page keeps what was posted (NUL removed) and says so (tests/core/test_request_input.py)."""
    response = client_for(Role.MAVI).post("/incidents/", {"channel": "1\x00"}, follow=True)
    assert response.status_code == 200
    assert "NUL" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_size_limit_is_a_413_in_the_error_shape(api: Client) -> None:
    response = api.post(
        "/api/v1/check", '{"text": "' + "a" * 5000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert _shape(response.json()) == "too_large"
