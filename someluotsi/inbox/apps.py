from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "someluotsi.inbox"
    label = "inbox"
    verbose_name = _("Inbox")

    def ready(self) -> None:
        from someluotsi.channels.health import channel_activity_source
        from someluotsi.inbox import waiting
        from someluotsi.inbox.selectors import channel_activity

        channel_activity_source(channel_activity)
        waiting.register()
