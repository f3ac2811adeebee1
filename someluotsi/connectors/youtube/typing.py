"""Shapes of the YouTube Data API v3 and Analytics v2 payloads we read."""

from __future__ import annotations

from typing import Any, TypedDict


class CommentSnippet(TypedDict, total=False):
    authorDisplayName: str
    authorChannelId: dict[str, str]
    textOriginal: str
    textDisplay: str
    parentId: str
    videoId: str
    moderationStatus: str
    publishedAt: str  # RFC 3339 "…Z"
    updatedAt: str


class Comment(TypedDict, total=False):
    id: str
    snippet: CommentSnippet


class CommentThread(TypedDict, total=False):
    id: str
    snippet: dict[str, Any]
    replies: dict[str, list[Comment]]


class ListResponse(TypedDict, total=False):
    items: list[dict[str, Any]]
    nextPageToken: str
    pageInfo: dict[str, int]


class Report(TypedDict, total=False):
    columnHeaders: list[dict[str, str]]
    rows: list[list[Any]]
