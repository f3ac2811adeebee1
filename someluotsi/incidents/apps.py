from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "someluotsi.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from someluotsi.inbox.signals import messages_ingested
        from someluotsi.incidents import waiting
        from someluotsi.incidents.receivers import scan_on_ingest

        messages_ingested.connect(scan_on_ingest, dispatch_uid="incidents.scan_on_ingest")
        waiting.register()
