from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "someluotsi.demo"
    label = "demo"
