"""`manage.py check` refuses to pass with a broken rulebook, so a deployment fails early."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from someluotsi.guideline.checker.rulebook import RulebookError


@register()
def rulebook_is_valid(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from someluotsi.compliance.engine import configured_engine

    try:
        configured_engine()
    except RulebookError as exc:
        return [
            Error(
                str(exc),
                hint="Fix the file named by SOMELUOTSI_RULEBOOK, or unset it to use the default.",
                id="compliance.E001",
            )
        ]
    return []
