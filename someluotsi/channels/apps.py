from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "someluotsi.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from someluotsi.channels import waiting

        waiting.register()
