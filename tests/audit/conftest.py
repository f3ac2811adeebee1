"""The inbox's small city, for the data-subject pages (messages, escalations, readers)."""

from tests.inbox.conftest import World, world

__all__ = ["World", "world"]
