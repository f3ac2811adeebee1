"""Audit actions of the installation itself (see `someluotsi.audit.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from someluotsi.audit.registry import AuditAction, register_actions

register_actions(
    AuditAction(
        code="demo.loaded",
        group=gettext_lazy("Installation"),
        label=gettext_lazy("Demo data loaded"),
        sentence=gettext_lazy(
            "%(actor)s loaded the demo data (%(users)s people, %(channels)s channels, "
            "%(messages)s messages)."
        ),
        details=lambda data: {
            key: str(data.get(key, "–")) for key in ("users", "channels", "messages")
        },
    ),
)
