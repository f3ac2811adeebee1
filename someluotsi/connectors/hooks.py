"""What the connectors add to lower apps' pages, registered explicitly at start-up: the
channel-health finding of a broken connection, and the panels on the channel and message
pages."""

from __future__ import annotations

from someluotsi.channels.health import Finding, Problem, extra_findings_register
from someluotsi.core.panels import panel_register


def broken_connection_findings(channel_ids: list[int]) -> dict[int, list[Finding]]:
    """A channel whose platform connection expired or was revoked (needs reconnecting)."""
    from someluotsi.connectors.selectors import broken_connections

    found: dict[int, list[Finding]] = {}
    for connection in broken_connections(channel_ids=channel_ids):
        detail = f"{connection.get_platform_display()}: {connection.get_status_display()}"
        found.setdefault(connection.channel_id, []).append(
            Finding(Problem.CONNECTION_BROKEN, detail)
        )
    return found


def register() -> None:
    from someluotsi.connectors import views

    extra_findings_register(broken_connection_findings)
    panel_register("channel", views.channel_panel)
    panel_register("message", views.message_panel)
