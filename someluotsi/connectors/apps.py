from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectorsConfig(AppConfig):
    name = "someluotsi.connectors"
    label = "connectors"
    verbose_name = _("Platform connections")

    def ready(self) -> None:
        # Explicit registration of what the lower layers show about connections (they never
        # import this app): the channel-health finding and the message page's platform panel.
        from someluotsi.connectors import hooks, waiting

        hooks.register()
        waiting.register()
