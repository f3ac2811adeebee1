"""Regular expressions with a linear-time guarantee.

Every detection pattern is compiled with RE2, which has no backtracking: matching time grows
linearly with the input whatever the pattern, so no post can stall the checker (ReDoS). RE2
refuses look-arounds and back-references at compile time, which keeps patterns honest. The one
exception is the tokenizer: a single character-class run in the standard library, which is linear
by construction and an order of magnitude faster for its many small matches.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import re2  # type: ignore[import-untyped]

# RE2 logs compile errors through absl to stderr; our errors surface as exceptions instead.
logging.getLogger("absl").setLevel(logging.ERROR)

Pattern = Any  # re2._Regexp has no public type

WORD_CHARS = r"\p{L}\p{N}"

_compiled: list[Pattern] = []

# Letters and digits, one run per token ("sote-uudistus" gives two tokens).
TOKEN = re.compile(r"[^\W_]+")


def compile_pattern(pattern: str) -> Pattern:
    """Compile with RE2; a pattern RE2 cannot run in linear time is a programming error."""
    options = re2.Options()
    options.log_errors = False
    compiled = re2.compile(pattern, options)
    _compiled.append(compiled)
    return compiled


def all_patterns() -> tuple[Pattern, ...]:
    """Every RE2 pattern compiled so far (for the adversarial-input benchmark)."""
    return tuple(_compiled)
