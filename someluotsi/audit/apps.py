from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "someluotsi.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Each app declares its audit actions and their sentences in `audit_actions.py`.
        autodiscover_modules("audit_actions")
