"""The daily pull of each connected channel's figures into the metrics app's MetricValue."""

from __future__ import annotations

import logging
from datetime import date

from someluotsi.connectors.base import Capability
from someluotsi.connectors.credentials import connection_account, connection_record_error
from someluotsi.connectors.enums import ConnectionStatus
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.registry import connector_for
from someluotsi.core.errors import ApplicationError
from someluotsi.metrics.services import metric_values_from_platform

logger = logging.getLogger(__name__)


def metrics_pull(*, connection: Connection, day: date) -> int:
    """One channel's figures for `day`; returns values written (0 when the platform has
    none). ConnectorError is recorded on the connection and re-raised."""
    connector = connector_for(connection.platform)
    if Capability.METRICS not in connector.capabilities:
        return 0
    try:
        account = connection_account(connection=connection)
        points = connector.daily_metrics(account=account, day=day)
    except ConnectorError as error:
        connection_record_error(connection=connection, error=error)
        raise
    return metric_values_from_platform(
        channel=connection.channel,
        values=[(p.day, p.metric, p.value) for p in points],
        source_label=connection.platform,
    )


def metrics_pull_all(*, day: date) -> int:
    """Every active connection's figures for `day`; a failing platform does not stop the
    others."""
    written = 0
    for connection in Connection.objects.filter(status=ConnectionStatus.ACTIVE).select_related(
        "channel"
    ):
        try:
            written += metrics_pull(connection=connection, day=day)
        except (ConnectorError, ApplicationError) as error:
            logger.info("metrics pull failed for connection %s: %s", connection.pk, error)
    return written
