"""Shapes of the TikTok API for Business payloads we read (v1.3)."""

from __future__ import annotations

from typing import Any, TypedDict


class Envelope(TypedDict, total=False):
    """Every answer: HTTP 200 with `code` 0 on success, another `code` on a logical error."""

    code: int
    message: str
    request_id: str
    data: dict[str, Any]


class Comment(TypedDict, total=False):
    comment_id: str
    video_id: str
    user_id: str
    username: str
    display_name: str
    text: str
    create_time: str  # epoch seconds as a string
    likes: int
    replies: int
    owner: bool  # the account's own comment
    status: str  # PUBLIC | HIDDEN
    parent_comment_id: str | None


class WebhookEvent(TypedDict, total=False):
    client_key: str
    event: str
    create_time: int
    user_openid: str
    content: str  # a JSON document as a string
