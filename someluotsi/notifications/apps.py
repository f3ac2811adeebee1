from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "someluotsi.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from someluotsi.notifications import (
            checks,  # noqa: F401 - registers the deploy check
            waiting,
        )
        from someluotsi.notifications.delivery import sweep_after_request

        request_finished.connect(sweep_after_request, dispatch_uid="someluotsi-notification-sweep")
        waiting.register()
