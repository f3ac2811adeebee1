from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "someluotsi.compliance"
    label = "compliance"
    verbose_name = _("Post checker")

    def ready(self) -> None:
        from someluotsi.compliance import checks  # noqa: F401 - registers the system check
