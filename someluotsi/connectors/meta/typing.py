"""Shapes of the Graph API payloads we read (fields as documented for v25.0)."""

from __future__ import annotations

from typing import Any, TypedDict


class GraphError(TypedDict, total=False):
    message: str
    type: str
    code: int
    error_subcode: int
    is_transient: bool
    fbtrace_id: str


class Paging(TypedDict, total=False):
    cursors: dict[str, str]
    next: str
    previous: str


class From(TypedDict, total=False):
    id: str
    name: str
    username: str


class FacebookComment(TypedDict, total=False):
    id: str
    message: str
    created_time: str  # ISO 8601 with +0000
    permalink_url: str
    is_hidden: bool
    parent: dict[str, str]
    # `from` is a Python keyword: read with .get("from")


class InstagramComment(TypedDict, total=False):
    id: str
    text: str
    timestamp: str
    username: str
    parent_id: str
    hidden: bool
    media: dict[str, str]


class Listing(TypedDict, total=False):
    data: list[dict[str, Any]]
    paging: Paging


class WebhookChange(TypedDict, total=False):
    field: str
    value: dict[str, Any]


class WebhookEntry(TypedDict, total=False):
    id: str
    time: int
    changes: list[WebhookChange]
    messaging: list[dict[str, Any]]
