"""The engine and its command line must work without Django (STYLE.md principle 2)."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_engine_imports_without_loading_django() -> None:
    result = _run(
        "import sys, someluotsi.guideline, someluotsi.guideline.__main__\n"
        "banned = {'django', 'rest_framework', 'celery'}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in banned)\n"
        "print(','.join(loaded))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_engine_imports_when_django_is_unavailable() -> None:
    # A meta-path hook makes any `import django` fail, as on a machine without Django.
    result = _run(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'django':\n"
        "            raise ImportError('django blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import someluotsi.guideline.__main__ as cli\n"
        "print(cli.main(['--version']) if False else 'ok')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_cli_prints_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "someluotsi.guideline", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("someluotsi ")
