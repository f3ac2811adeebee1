"""Characters no typed text may hold: the one list the command line, the pages and the API
refuse (core/typed_text.py words the web's messages; cli_messages.py the command line's).

- NUL (U+0000) and the other C0 control characters except tab, line feed and carriage return
  (U+0001-U+0008, U+000B, U+000C, U+000E-U+001F), DEL (U+007F) and the C1 controls
  (U+0080-U+009F);
- noncharacters (U+FDD0-U+FDEF and the last two code points of every plane: U+FFFE, U+FFFF,
  U+1FFFE, ...);
- surrogates (U+D800-U+DFFF: a JSON "\\ud800" escape, or a byte that was not UTF-8 as
  Python's surrogateescape reads it, U+DC80-U+DCFF).

The HTML standard forbids these in a page's text, PostgreSQL stores neither NUL nor a
surrogate, and none is anything a person means to publish. They are also how a threat hides
from a reader of words: "hei\\x00Tapan sinut" read with the NUL dropped is "heitapan sinut".
Text that came from a platform is never refused: it is stored with them made harmless
(core.oneline.neutralised).

Linear: one character class searched once (no repetition, no backtracking).
"""

from __future__ import annotations

import re

__all__ = ("REFUSED", "first_refused", "refused_kind")

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff" + _NONCHARACTERS + "]")


def first_refused(text: str) -> tuple[int, str] | None:
    """The first refused character of `text` (module doc) as (its offset from 0, the
    character), or None. Linear in the length of `text`; never raises."""
    found = REFUSED.search(text)
    return None if found is None else (found.start(), found.group())


def refused_kind(char: str) -> str:
    """What a refused character is: "nul", "surrogate", "control" or "noncharacter"."""
    code = ord(char)
    if code == 0:
        return "nul"
    if 0xD800 <= code <= 0xDFFF:
        return "surrogate"
    if code < 0xA0:
        return "control"
    return "noncharacter"
