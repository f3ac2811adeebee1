from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "someluotsi.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from someluotsi.accounts.selectors import channel_duty_register
        from someluotsi.channels import waiting
        from someluotsi.channels.selectors import user_has_channel_work

        channel_duty_register(user_has_channel_work)
        waiting.register()
