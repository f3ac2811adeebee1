"""Size limits on what a person types: refused with a message, never cut short in silence.

A service that stores a note, reason, name or text in a column of limited size (or keeps a
limit of its own) calls `at_most` instead of slicing the value (`value[:500]`): a value over
the limit is refused with an `ApplicationError` (400 in the API, a refusal on the page) that
says the limit and the length typed, so nothing the person wrote is lost or silently changed,
and nothing is created from a shortened copy (an evidence hash over an emptied note, say).

Slicing stays right for what the product writes itself (log lines, labels, excerpts shown as
such) and for a platform's data that the product only displays.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from someluotsi.core.errors import ApplicationError

__all__ = ("at_most",)


def at_most(value: str, limit: int, *, field: str) -> str:
    """`value` itself when it has at most `limit` characters.

    Raises ApplicationError (code "<field>_too_long", details {"field", "max", "length"}) when
    it has more: the message names the limit and the length, in the reader's language.
    """
    if len(value) > limit:
        raise ApplicationError(
            _("This text can be at most %(max)s characters; it has %(length)s.")
            % {"max": limit, "length": len(value)},
            code=f"{field}_too_long",
            details={"field": field, "max": limit, "length": len(value)},
        )
    return value
