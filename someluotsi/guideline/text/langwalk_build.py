"""Build the compiled language walk (`langwalk.c`) as the extension module `_langwalk`.

    uv run --frozen python -m someluotsi.guideline.text.langwalk_build

`tools/run` and `tools/test` run this after installing the Python packages (tools/lib.sh
`build_native`); it needs a C compiler and Python's headers. The extension is optional: when
it is missing (not built, no compiler) text/language.py walks in Python and numpy instead,
with the same results to the bit, only slower (tests/guideline/text/test_language_walk.py
compares the two). cffi (a dependency of `cryptography` too) writes and compiles the module.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "langwalk.c"
MODULE = "someluotsi.guideline.text._langwalk"

DECLARATIONS = """
typedef struct {
    int32_t child_lo;
    int32_t child_hi;
    int32_t fail;
    int32_t output;
} lw_state;
typedef struct {
    const lw_state *states;
    const uint8_t *last_byte;
    const int32_t *root_child;
    uint64_t *moves;
} lw_automaton;
int32_t lw_walk(const lw_automaton *a, const char *text, int64_t size, int32_t *outputs);
int64_t lw_count(const int32_t *outputs, const int64_t *lengths, int64_t pieces,
                 int32_t *slot, int32_t *features, float *counts, int64_t *bounds);
"""


def source_digest() -> str:
    """The SHA-256 of `langwalk.c` and the declarations (hex): built into the module, and
    compared by text/language.py, which leaves a module built from another source unused
    (a stale build after an edit, until the next `build_native`)."""
    digest = hashlib.sha256(SOURCE.read_bytes())
    digest.update(DECLARATIONS.encode("utf-8"))
    return digest.hexdigest()


def builder() -> Any:
    """The cffi builder (`cffi.FFI`) of `_langwalk` from `langwalk.c` (compiled with -O2),
    with `lw_source()` answering `source_digest()`. cffi is imported here, not with the
    module: the engine reads `source_digest` at start-up."""
    from cffi import FFI  # type: ignore[import-untyped]

    ffi = FFI()
    ffi.cdef(DECLARATIONS + "const char *lw_source(void);\n")
    ffi.set_source(
        MODULE,
        SOURCE.read_text(encoding="utf-8")
        + f'\nconst char *lw_source(void) {{ return "{source_digest()}"; }}\n',
        extra_compile_args=["-O2", "-std=c99"],
    )
    return ffi


def build() -> Path:
    """Compile `_langwalk` next to this file; returns the path of the extension module.

    Raises cffi's or distutils' errors (no compiler, no headers) as they come."""
    import tempfile

    ffi = builder()
    with tempfile.TemporaryDirectory() as work:
        built = Path(ffi.compile(tmpdir=work, verbose=False))
        target = HERE / built.name
        # replaced, not rewritten in place: a running process may have the old one loaded
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(built.read_bytes())
        os.replace(partial, target)
    return target


def main() -> int:
    try:
        target = build()
    except Exception as error:  # noqa: BLE001 - any build failure leaves the Python walk
        sys.stderr.write(f"compiled language walk not built ({error}); the Python walk is used\n")
        return 1
    sys.stdout.write(f"built {target.name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
