"""What waits for a person: the lines of their home page ("2 escalations to acknowledge").

Each app that has work for people registers one selector per kind in its AppConfig.ready():

    waiting_register("inbox.overdue", overdue_for)

A selector takes the signed-in user and returns a `Waiting` (a count, the words for it and the
page that lists the items) or None when the kind is not theirs. Selectors apply the same access
rules as the pages they link to: a line never counts what its link would not show. The page
shell lists the lines with a count above zero, the urgent ones first. New apps (publishing:
posts to review; connectors: expiring connections) add their own line the same way; the ground
never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from someluotsi.accounts.models import User


@dataclass(frozen=True)
class Waiting:
    """One line: `count` items of one kind waiting for the user.

    `text` is the whole line in the reader's language with the count in it ("3 overdue
    messages"), `url` the page that lists them, `urgent` marks what is late or unsafe (shown
    first and highlighted), `order` sorts lines of equal urgency (lower first).
    """

    kind: str
    count: int
    text: str
    url: str
    urgent: bool = False
    order: int = 100


WaitingSelector = Callable[[User], "Waiting | None"]
_SELECTORS: dict[str, WaitingSelector] = {}


def waiting_register(kind: str, selector: WaitingSelector) -> None:
    """Register the selector of one kind; registering the kind again replaces it."""
    _SELECTORS[kind] = selector


def waiting_kinds() -> list[str]:
    """The registered kinds, in registration order."""
    return list(_SELECTORS)


def waiting_for(*, user: User) -> list[Waiting]:
    """Every line with something waiting for `user`: urgent first, then by `order`."""
    lines = [line for selector in _SELECTORS.values() if (line := selector(user)) and line.count]
    return sorted(lines, key=lambda line: (not line.urgent, line.order, line.kind))
