from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class ConnectorsConfig(AppConfig):
    name = "someluotsi.connectors"
    label = "connectors"
    verbose_name = _("Platform connections")

    def ready(self) -> None:
        # Explicit registration of what the lower layers show about connections (they never
        # import this app): the channel-health finding and the message page's platform panel.
        from someluotsi.connectors import hooks, waiting
        from someluotsi.connectors.retries import sweep_after_request

        hooks.register()
        waiting.register()
        # Platform actions whose retry is due, in the embedded default (no beat).
        request_finished.connect(sweep_after_request, dispatch_uid="someluotsi-connectors-sweep")
