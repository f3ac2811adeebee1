"""Shapes of the X API v2 payloads we read (OpenAPI spec 2.159)."""

from __future__ import annotations

from typing import Any, TypedDict


class Tweet(TypedDict, total=False):
    id: str
    text: str
    created_at: str  # RFC 3339 with milliseconds, "…T07:12:45.000Z"
    author_id: str
    conversation_id: str
    in_reply_to_user_id: str
    referenced_tweets: list[dict[str, str]]


class Meta(TypedDict, total=False):
    newest_id: str
    oldest_id: str
    result_count: int
    next_token: str


class Listing(TypedDict, total=False):
    data: list[Tweet]
    includes: dict[str, list[dict[str, Any]]]
    meta: Meta
    errors: list[dict[str, Any]]


class Problem(TypedDict, total=False):
    """RFC 7807 problem (application/problem+json)."""

    type: str
    title: str
    detail: str
    status: int
    period: str  # UsageCapExceededProblem: Daily | Monthly
