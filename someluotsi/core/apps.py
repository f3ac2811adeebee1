from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "someluotsi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from someluotsi.core import json_shapes
        from someluotsi.core.converters import IdConverter
        from someluotsi.core.oneline import refuse_control_characters

        register_converter(IdConverter, "id")
        json_shapes.install()
        pre_save.connect(refuse_control_characters, dispatch_uid="someluotsi-one-line-guard")
