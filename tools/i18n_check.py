"""Fail when the source has strings the catalogues lack (or the reverse).

Runs makemessages over a copy of the catalogues and compares message ids; the committed
catalogues are restored whatever happens.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
LANGUAGES = ("fi", "sv", "en")


def _ids(path: Path) -> set[tuple[str, str]]:
    return {(e.msgid, e.msgid_plural) for e in polib.pofile(str(path)) if not e.obsolete}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "locale"
        shutil.copytree(LOCALE, backup)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--no-location",
                    "--no-obsolete",
                    "--ignore=.venv",
                    "--ignore=tests",
                    "--ignore=node_modules",
                    *(f"-l{lang}" for lang in LANGUAGES),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            problems = []
            for lang in LANGUAGES:
                relative = Path(lang) / "LC_MESSAGES" / "django.po"
                fresh, committed = _ids(LOCALE / relative), _ids(backup / relative)
                for msgid, _plural in sorted(fresh - committed):
                    problems.append(f"{lang}: not in the catalogue: {msgid!r}")
                for msgid, _plural in sorted(committed - fresh):
                    problems.append(f"{lang}: no longer in the source: {msgid!r}")
        finally:
            shutil.rmtree(LOCALE)
            shutil.copytree(backup, LOCALE)
    for problem in problems:
        print(problem)
    if problems:
        print("Run makemessages and translate the new strings (fi, sv, en).")
        return 1
    print("catalogues match the source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
