"""Shapes of the LinkedIn REST payloads we read (Rest.li 2.0)."""

from __future__ import annotations

from typing import Any, TypedDict


class AuditStamp(TypedDict, total=False):
    actor: str
    time: int  # epoch milliseconds


class Comment(TypedDict, total=False):
    id: str
    actor: str
    object: str
    message: dict[str, Any]
    created: AuditStamp
    lastModified: AuditStamp
    parentComment: str


class Paging(TypedDict, total=False):
    start: int
    count: int
    total: int
    links: list[dict[str, str]]


class Collection(TypedDict, total=False):
    elements: list[dict[str, Any]]
    paging: Paging


class Notification(TypedDict, total=False):
    notificationId: int
    organizationalEntity: str
    action: str  # LIKE, COMMENT, SHARE, SHARE_MENTION, ADMIN_COMMENT, COMMENT_EDIT, COMMENT_DELETE
    sourcePost: str
    generatedActivity: str
    lastModifiedAt: int
